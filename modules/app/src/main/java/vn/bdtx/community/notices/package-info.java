/**
 * The notification centre (/notifications, the unread count in every page's header), the notices other contexts'
 * changes become (grades, returns for revision, certificates, reminders, heard through the outbox), announcements to
 * a class, a run or a unit (/announcements, fanned out by a job), and the e-mail of the kinds that matter, which
 * each person may turn off per kind (issue 17, part 2).
 */
package vn.bdtx.community.notices;
