/**
 * Assessment: lesson quiz attempts (every answer saved as it is given, submits
 * that are idempotent, attempts closed at their time), the final survey and
 * criterion (i). The rules are in {@code vn.bdtx.domain.assessment}.
 */
package vn.bdtx.assessment;
