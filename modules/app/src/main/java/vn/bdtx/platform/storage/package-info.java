/**
 * Object storage through the MinIO client: lecture media, submissions, certificates.
 * With no endpoint configured, an S3-compatible store (S3Proxy) runs inside the process.
 * Objects no row names and upload temp files nothing will delete are removed
 * ({@link vn.bdtx.platform.storage.StoreReconciliation}, {@link vn.bdtx.platform.storage.TempUploadCleanup}).
 */
package vn.bdtx.platform.storage;
