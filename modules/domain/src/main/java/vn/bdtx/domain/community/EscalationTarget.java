package vn.bdtx.domain.community;

/**
 * Whom a question the class's first line cannot answer goes to (seed 001: content to the lecturers,
 * regulation and direction to the specialists of the district office and the department, accounts and
 * technique to the IT team).
 */
public enum EscalationTarget {
  LECTURER, REGULATION, IT
}
