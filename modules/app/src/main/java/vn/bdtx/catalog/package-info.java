/** The catalogue of training modules and (next) course content, lectures and their media. */
package vn.bdtx.catalog;
