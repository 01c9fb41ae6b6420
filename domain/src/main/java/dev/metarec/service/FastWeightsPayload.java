package dev.metarec.service;

import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.checkpoint.FastWeightsCodec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What AdaptService stores as a user's fast-weight payload: a version byte, the number of the user's
 * events the weights were adapted on (a later count means they are stale), then the
 * {@link FastWeightsCodec} bytes.
 */
public record FastWeightsPayload(long eventCount, byte[] weights) {
    private static final byte VERSION = 1;

    public byte[] encode() {
        return ByteBuffer.allocate(1 + 8 + weights.length).put(VERSION).putLong(eventCount).put(weights).array();
    }

    public static FastWeightsPayload decode(byte[] payload) {
        if (payload.length < 9 || payload[0] != VERSION)
            throw new CheckpointFormatException("fast-weight payload of " + payload.length + " bytes has no version-" + VERSION + " header");
        long count = ByteBuffer.wrap(payload, 1, 8).getLong();
        return new FastWeightsPayload(count, Arrays.copyOfRange(payload, 9, payload.length));
    }
}
