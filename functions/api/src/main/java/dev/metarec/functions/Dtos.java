package dev.metarec.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.functions.dto.AdaptResponse;
import dev.metarec.functions.dto.IngestRequest;
import dev.metarec.functions.dto.RecommendResponse;
import dev.metarec.service.AdaptService;
import dev.metarec.service.IngestCommand;
import dev.metarec.service.InvalidRequestException;
import dev.metarec.service.Limits;
import dev.metarec.service.Recommendation;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Mapping between the edge DTOs and the domain's commands and results. */
final class Dtos {
    private Dtos() {}

    static IngestCommand command(IngestRequest r, Limits limits, Instant now) {
        if (r == null) r = new IngestRequest(null, null, null);
        List<IngestRequest.Event> events = r.events();
        List<IngestRequest.Item> items = r.items();
        return IngestCommand.of(
                indexed(events, (e, k) -> e == null ? null : new IngestCommand.RawEvent(e.eventId(), e.userId(), e.itemId(), e.type(), e.value(),
                        time("events[" + k + "].timestamp", e.timestamp()))),
                indexed(items, (i, k) -> i == null ? null : new IngestCommand.RawItem(i.itemId(), i.attributes(), time("items[" + k + "].releasedAt", i.releasedAt()))),
                map(r.profiles(), p -> p == null ? null : new IngestCommand.RawProfile(p.userId(), p.attributes())),
                limits, now);
    }

    /** A time given as a JSON string (ISO-8601 or digits) or an integral number of epoch milliseconds; null when absent. */
    static String time(String field, JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isTextual()) return node.textValue();
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) return Long.toString(node.longValue());
        throw new InvalidRequestException(field, "an ISO-8601 string or a non-negative integer of epoch milliseconds", "was " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static <A, B> List<B> indexed(List<A> in, java.util.function.BiFunction<A, Integer, B> f) {
        if (in == null) return null;
        List<B> out = new java.util.ArrayList<>(in.size());
        for (int k = 0; k < in.size(); k++) out.add(f.apply(in.get(k), k));
        return out;
    }

    private static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        if (in == null) return null;
        return in.stream().map(f).collect(java.util.stream.Collectors.toList());
    }

    static AdaptResponse response(AdaptService.Outcome o) {
        return new AdaptResponse(o.userId(), o.checkpointId(), o.version(), o.steps(), o.supportSize(), finite(o.lossBefore()),
                finite(o.lossAfter()), o.stored(), o.fellBackToPrior(), o.fallbackReason());
    }

    static RecommendResponse response(Recommendation r) {
        List<RecommendResponse.Item> items = r.items().stream().map(i -> new RecommendResponse.Item(i.itemId(), i.score(), i.reason().name(),
                i.topAttributes().stream().map(c -> new RecommendResponse.Contribution(c.attribute(), c.values(), c.contribution())).toList())).toList();
        return new RecommendResponse(r.recommendationId(), r.userId(), r.checkpointId(), r.mode().name(), items);
    }

    private static Double finite(double x) { return Double.isFinite(x) ? x : null; }
}
