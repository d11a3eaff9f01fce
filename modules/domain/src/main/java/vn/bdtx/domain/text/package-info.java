/** Normalising what people type: names in NFC, e-mail addresses, phone numbers, lookup keys. */
package vn.bdtx.domain.text;
