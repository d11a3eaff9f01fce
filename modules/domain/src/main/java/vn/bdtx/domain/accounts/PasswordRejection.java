package vn.bdtx.domain.accounts;

/**
 * Why a new password is refused. The web layer shows each as the message
 * {@code accounts.password.rejected.<NAME>}.
 */
public enum PasswordRejection {
  /** Fewer than the minimum length (ASVS 6.2.1). */
  TOO_SHORT,
  /** More than the maximum length; 64 characters are always allowed (ASVS 6.2.9). */
  TOO_LONG,
  /** One of the passwords attackers try first (ASVS 6.2.4). */
  TOO_COMMON,
  /** Contains the user's name, the product's name or a word like "matkhau" (ASVS 6.2.11). */
  CONTAINS_CONTEXT_WORD,
  /** The same as the password it replaces. */
  SAME_AS_CURRENT,
  /** The confirmation differs from the new password. */
  CONFIRMATION_MISMATCH
}
