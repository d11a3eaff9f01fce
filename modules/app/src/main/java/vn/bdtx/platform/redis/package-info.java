/** Redis through Lettuce: web sessions shared by every node, failing fast when Redis is down. */
package vn.bdtx.platform.redis;
