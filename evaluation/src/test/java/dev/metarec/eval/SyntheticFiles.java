package dev.metarec.eval;

import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.synthetic.SyntheticDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a synthetic world in the generic CSV format of docs/DATA-FORMAT.md (test helper). */
public final class SyntheticFiles {
    private SyntheticFiles() {}

    public static void writeCsv(SyntheticDataset d, Path dir) throws IOException {
        StringBuilder events = new StringBuilder("userId,itemId,type,value,timestamp,eventId\n");
        for (Event e : d.ratings())
            events.append(e.userId()).append(',').append(e.itemId()).append(",RATING,").append(e.value()).append(',').append(e.timestamp()).append(',').append(e.eventId()).append('\n');
        StringBuilder items = new StringBuilder("itemId,releasedAt,genre,brand,price\n");
        for (Item i : d.items())
            items.append(i.itemId()).append(',').append(i.releasedAt()).append(',').append(String.join("|", i.attributes().get("genre"))).append(',')
                    .append(i.attributes().get("brand").get(0)).append(',').append(i.attributes().get("price").get(0)).append('\n');
        StringBuilder users = new StringBuilder("userId,age,country\n");
        for (UserProfile u : d.users())
            users.append(u.userId()).append(',').append(u.attributes().get("age").get(0)).append(',').append(u.attributes().get("country").get(0)).append('\n');
        Files.writeString(dir.resolve("events.csv"), events);
        Files.writeString(dir.resolve("items.csv"), items);
        Files.writeString(dir.resolve("users.csv"), users);
        Files.writeString(dir.resolve("schema.csv"), "side,attribute,kind,buckets\nitem,genre,multi\nitem,brand,categorical\nitem,price,numeric,8\nuser,age,categorical\nuser,country,categorical\n");
    }
}
