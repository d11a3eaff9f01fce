/** Who is calling: form login, the {@link vn.bdtx.platform.security.Caller} principal, CSRF, headers and login metrics. */
package vn.bdtx.platform.security;
