package dev.metarec.adapter.local;

import dev.metarec.port.ChampionPointer;
import org.h2.mvstore.MVMap;

import java.util.Objects;
import java.util.Optional;

/** The champion pointer as one key of the control map, moved by compare-and-set. */
public final class LocalChampionPointer implements ChampionPointer {
    private static final String CHAMPION = "champion";
    private static final String PREVIOUS = "champion.previous";
    private static final String CHAMPION_SHA256 = "champion.sha256";
    private static final String PREVIOUS_SHA256 = "champion.previous.sha256";
    private final LocalDatabase db;
    private final MVMap<String, String> control;

    public LocalChampionPointer(LocalDatabase db) {
        this.db = db;
        this.control = db.map("control");
    }

    @Override
    public Optional<String> current() { return Optional.ofNullable(control.get(CHAMPION)); }

    @Override
    public Optional<String> previous() { return Optional.ofNullable(control.get(PREVIOUS)); }

    @Override
    public boolean moveCurrent(String expected, String next) { return moveCurrent(expected, next, null); }

    @Override
    public boolean moveCurrent(String expected, String next, String nextSha256) {
        Objects.requireNonNull(next, "next");
        boolean moved;
        synchronized (this) {
            moved = Objects.equals(control.get(CHAMPION), expected);
            if (moved) {
                // Every key lands in the same MVStore commit below, so a crash keeps all or none.
                String expectedDigest = control.get(CHAMPION_SHA256);
                if (expected == null) control.remove(PREVIOUS); else control.put(PREVIOUS, expected);
                if (expected == null || expectedDigest == null) control.remove(PREVIOUS_SHA256); else control.put(PREVIOUS_SHA256, expectedDigest);
                control.put(CHAMPION, next);
                if (nextSha256 == null) control.remove(CHAMPION_SHA256); else control.put(CHAMPION_SHA256, nextSha256);
            }
        }
        if (moved) db.commit();
        return moved;
    }

    @Override
    public synchronized Optional<String> sha256(String checkpointId) {
        if (checkpointId.equals(control.get(CHAMPION))) return Optional.ofNullable(control.get(CHAMPION_SHA256));
        if (checkpointId.equals(control.get(PREVIOUS))) return Optional.ofNullable(control.get(PREVIOUS_SHA256));
        return Optional.empty();
    }
}
