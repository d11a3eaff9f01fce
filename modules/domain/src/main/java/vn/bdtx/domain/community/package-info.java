/** Community rules as plain Java: when and where a professional meeting (sinh hoạt chuyên môn) may be held. */
package vn.bdtx.domain.community;
