/** Network addresses: IP literals, networks, and which address a request came from behind trusted proxies. */
package vn.bdtx.domain.net;
