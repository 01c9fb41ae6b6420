package dev.metarec.adapter.dynamodb;

import dev.metarec.port.ChampionPointer;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The champion pointer: item {@code name=champion} in the {@code control} table, moved only by a
 * conditional put ({@code attribute_not_exists(name)} to bootstrap, {@code target = :expected} after),
 * so two meta-train runs can never both promote. It records the SHA-256 of the promoted checkpoint's bytes
 * ({@code targetSha256}, and {@code previousSha256} for the one before), which serving checks on load.
 */
public final class DynamoDbChampionPointer implements ChampionPointer {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final DynamoDbControl control;
    private final Clock clock;

    public DynamoDbChampionPointer(DynamoDbControl control, Clock clock) {
        this.control = Objects.requireNonNull(control, "control");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> current() {
        return control.pointer(DynamoDbControl.CHAMPION);
    }

    @Override
    public Optional<String> previous() {
        return control.previous(DynamoDbControl.CHAMPION);
    }

    @Override
    public boolean moveCurrent(String expected, String next) { return moveCurrent(expected, next, null); }

    @Override
    public boolean moveCurrent(String expected, String next, String nextSha256) {
        if (next == null || !ID.matcher(next).matches()) {
            throw new IllegalArgumentException("next checkpointId must match " + ID.pattern() + ", was '" + next + "'");
        }
        if (nextSha256 != null && !nextSha256.matches("[0-9a-f]{64}"))
            throw new IllegalArgumentException("nextSha256 must be 64 lower-case hex digits, was '" + nextSha256 + "'");
        return control.movePointer(DynamoDbControl.CHAMPION, expected, next, nextSha256, clock.instant());
    }

    @Override
    public Optional<String> sha256(String checkpointId) { return control.digest(DynamoDbControl.CHAMPION, checkpointId); }
}
