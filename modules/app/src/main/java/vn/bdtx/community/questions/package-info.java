/** Questions and answers per class, escalation to whoever can answer, and each module's FAQ (issue 17 part 1). */
package vn.bdtx.community.questions;
