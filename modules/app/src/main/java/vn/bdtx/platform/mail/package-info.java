/** The e-mails' words: subjects from message keys and bodies from Thymeleaf text templates, in the recipient's language. */
package vn.bdtx.platform.mail;
