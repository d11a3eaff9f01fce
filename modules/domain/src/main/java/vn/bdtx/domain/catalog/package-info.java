/** The catalogue of training modules (Decision 4660/QĐ-BGDĐT) and, later, course content. */
package vn.bdtx.domain.catalog;
