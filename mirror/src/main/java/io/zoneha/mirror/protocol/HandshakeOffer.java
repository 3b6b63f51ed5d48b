package io.zoneha.mirror.protocol;

/** What this side sends in the handshake: its hello and its dirty bitmap, taken together. */
public record HandshakeOffer(Hello hello, byte[] bitmap) {}
