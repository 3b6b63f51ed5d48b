package io.zoneha.mirror.protocol;

/** Fired as a user event once both handshakes have been exchanged and judged. */
public record HandshakeDone(Hello local, Hello peer, byte[] peerBitmap, SyncDecision.Decision decision) {}
