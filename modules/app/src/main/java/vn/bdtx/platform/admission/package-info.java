/**
 * Admission under peaks: a first-come, first-served {@link vn.bdtx.platform.admission.Line} in front of work of
 * which a node may do only so much at once (password checks, quiz starts), which tells each newcomer its place.
 * Held in the node's memory only.
 */
package vn.bdtx.platform.admission;
