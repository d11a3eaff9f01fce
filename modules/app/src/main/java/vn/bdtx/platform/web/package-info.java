/** The web layout: language, CSRF token and the caller in every page's model. */
package vn.bdtx.platform.web;
