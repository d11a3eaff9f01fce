/**
 * Object storage through the MinIO client: lecture media, submissions, certificates.
 * With no endpoint configured, an S3-compatible store (S3Proxy) runs inside the process.
 */
package vn.bdtx.platform.storage;
