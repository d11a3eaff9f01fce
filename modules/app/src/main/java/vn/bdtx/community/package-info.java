/**
 * Community: the support around the 15 days — questions and answers per class
 * with escalation and the module's FAQ, announcements and the notification
 * centre, professional meetings in days 6–8, and peer-support plans and reports
 * with their approvals (seed 001). It owns its tables; it reads other contexts
 * through their public services and hears their changes through the outbox.
 * {@link vn.bdtx.community.Notifications} is the one writer of the notices.
 */
package vn.bdtx.community;
