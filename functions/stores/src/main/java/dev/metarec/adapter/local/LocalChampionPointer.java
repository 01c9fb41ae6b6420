package dev.metarec.adapter.local;

import dev.metarec.port.ChampionPointer;
import org.h2.mvstore.MVMap;

import java.util.Objects;
import java.util.Optional;

/** The champion pointer as one key of the control map, moved by compare-and-set. */
public final class LocalChampionPointer implements ChampionPointer {
    private static final String CHAMPION = "champion";
    private static final String PREVIOUS = "champion.previous";
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
    public boolean moveCurrent(String expected, String next) {
        Objects.requireNonNull(next, "next");
        boolean moved;
        synchronized (this) {
            moved = Objects.equals(control.get(CHAMPION), expected);
            if (moved) {
                // Both keys land in the same MVStore commit below, so a crash keeps both or neither.
                if (expected == null) control.remove(PREVIOUS); else control.put(PREVIOUS, expected);
                control.put(CHAMPION, next);
            }
        }
        if (moved) db.commit();
        return moved;
    }
}
