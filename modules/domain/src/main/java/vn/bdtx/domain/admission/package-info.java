/** Admission under peaks: how long a place in a waiting line is likely to wait, and how often its page asks again. */
package vn.bdtx.domain.admission;
