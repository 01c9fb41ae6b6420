package dev.metarec.it.adapters;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.ConflictException;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import dev.metarec.port.StoreException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What is specific to the AWS adapters (beyond the shared port contracts): table layout, TTL, SDK errors. */
@ExtendWith(AwsServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsAdaptersTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private AwsServers servers;
    private AwsServers.Namespace ns;
    private AwsStores stores;

    @BeforeAll
    void setUp(AwsServers servers) {
        this.servers = servers;
        ns = servers.freshNamespace("adapters");
        stores = AwsStores.over(servers.dynamo(), servers.s3(), ns, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Event event(String id, String user, long tsMillis) {
        return new Event(id, user, "i-" + id, EventType.RATING, 4.0, Instant.ofEpochMilli(tsMillis));
    }

    @Test
    void append_storesOnce_andWritesTtlAttribute() {
        assertTrue(stores.events().append(event("e1", "u-ttl", 1000), NOW));
        assertFalse(stores.events().append(event("e1", "u-ttl", 2000), NOW), "redelivery must not be stored again");
        Map<String, AttributeValue> raw = servers.dynamo().getItem(b -> b.tableName(ns.tables().events())
                .key(Map.of("userId", AttributeValue.fromS("u-ttl"), "eventId", AttributeValue.fromS("e1")))).item();
        assertEquals(Long.toString(NOW.plus(java.time.Duration.ofDays(365)).getEpochSecond()), raw.get("expiresAt").n());
        assertEquals("1000", raw.get("ts").n(), "the first delivery wins; the redelivery changed nothing");
    }

    @Test
    void recent_readsNewestFirstThroughTheByTimeIndex_acrossPages() {
        for (int i = 0; i < 30; i++) stores.events().append(event("e" + (100 + (i * 7) % 30), "u-recent", 10_000L + i), NOW);
        List<Event> recent = stores.events().recent("u-recent", 12);
        assertEquals(12, recent.size());
        for (int i = 0; i < 12; i++) assertEquals(10_000L + 29 - i, recent.get(i).timestamp().toEpochMilli());
        assertEquals(30, stores.events().count("u-recent"));
        assertEquals(30, stores.events().eraseUser("u-recent"));
        assertEquals(0, stores.events().count("u-recent"));
    }

    @Test
    void itemStats_rejectNonFinite_beforeWriting() {
        assertThrows(IllegalArgumentException.class, () -> stores.itemStats().add("i-nan", 1, Double.NaN, 0, 0.0));
        assertTrue(stores.itemStats().find("i-nan").isEmpty());
    }

    @Test
    void attributes_roundTrip_keepingOrderOfMultipleValues() {
        Item item = new Item("i-attr", Attributes.of("genre", "Comedy|Drama|Action", "year", "1995"), Instant.ofEpochMilli(123_000));
        stores.catalog().upsert(item);
        assertEquals(item, stores.catalog().find("i-attr").orElseThrow());
        UserProfile profile = new UserProfile("u-attr", Attributes.of("age", "25-34", "country", "ÖSTERREICH 🇦🇹"));
        stores.profiles().upsert(profile);
        assertEquals(profile, stores.profiles().find("u-attr").orElseThrow());
    }

    @Test
    void checkpointWrite_isWriteOnce_onS3() {
        stores.checkpoints().write("ckpt-once", new byte[]{1, 2, 3});
        assertThrows(ConflictException.class, () -> stores.checkpoints().write("ckpt-once", new byte[]{9}));
        assertArrayEquals(new byte[]{1, 2, 3}, stores.checkpoints().read("ckpt-once").orElseThrow());
    }

    @Test
    void checkpointIds_thatAreNotSafeKeys_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> stores.checkpoints().write("../escape", new byte[]{1}));
        assertThrows(IllegalArgumentException.class, () -> stores.champion().moveCurrent(null, "a/b"));
    }

    @Test
    void fastWeights_wrongVersionArithmetic_isRefused() {
        var record = new StoredFastWeights("u-v", "c1", 3, new byte[]{1}, NOW);
        assertThrows(IllegalArgumentException.class, () -> stores.fastWeights().put(record, 0));
    }

    @Test
    void sdkFailures_becomeStoreException_keepingTheCause() {
        var missing = new dev.metarec.adapter.dynamodb.DynamoDbUserProfileStore(servers.dynamo(), "no-such-table");
        StoreException e = assertThrows(StoreException.class, () -> missing.find("u"));
        assertInstanceOf(software.amazon.awssdk.core.exception.SdkException.class, e.getCause());
        var noBucket = new dev.metarec.adapter.s3.S3CheckpointStore(servers.s3(), "no-such-bucket");
        assertThrows(StoreException.class, () -> noBucket.read("c1"));
    }

    @Test
    void championPointer_recordsWhenItMoved() {
        assertTrue(stores.champion().moveCurrent(null, "c-first"));
        Map<String, AttributeValue> raw = servers.dynamo().getItem(b -> b.tableName(ns.tables().control())
                .key(Map.of("name", AttributeValue.fromS("champion")))).item();
        assertEquals("c-first", raw.get("target").s());
        assertEquals(Long.toString(NOW.toEpochMilli()), raw.get("movedAt").n());
    }

    @Test
    void catalogueVersion_isACounterInTheControlTable() {
        long before = stores.catalog().version();
        stores.catalog().upsert(new Item("i-v1", Attributes.EMPTY, null));
        stores.catalog().upsert(new Item("i-v2", Attributes.EMPTY, null));
        assertEquals(before + 2, stores.catalog().version());
        assertEquals(before + 2, stores.control().counter("catalogue-version"));
    }
}
