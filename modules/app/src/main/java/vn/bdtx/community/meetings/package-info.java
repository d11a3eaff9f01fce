/**
 * Professional meetings (sinh hoạt chuyên môn) in the meeting days of a class
 * (days 6–8, seed 001 §4): the group's core teacher schedules the meeting and
 * records attendance, minutes and evidence; learners see it in their to-do list;
 * attendance reaches the class page, the reports and, when the run counts it,
 * completion, through interfaces those contexts define.
 */
package vn.bdtx.community.meetings;
