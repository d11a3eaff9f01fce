/** What may be removed from the object store and the temp folder: orphaned objects and upload leftovers. */
package vn.bdtx.domain.storage;
