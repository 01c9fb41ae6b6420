package dev.metarec.functions.security;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.Map;

/**
 * Resolves the caller from the API Gateway HTTP API JWT authorizer: API Gateway has already verified the
 * token (issuer, audience, expiry, signature), and hands its claims to the function in the event's
 * {@code requestContext.authorizer.jwt.claims}. The caller is the {@code sub} claim; the admin scope is
 * looked up in {@code scope} (space-separated, OAuth 2) or {@code scp}.
 *
 * <p>{@code metarec.auth.enabled=false} turns authorization off (every caller is an admin) for local
 * development only; the local profile sets it, the Lambda build keeps the default {@code true}.
 */
@Singleton
public class Callers {
    @Inject Instance<CurrentVertxRequest> request;

    @ConfigProperty(name = "metarec.auth.enabled", defaultValue = "true") boolean enabled;

    @ConfigProperty(name = "metarec.auth.admin-scope", defaultValue = "metarec/admin") String adminScope;

    public Caller current() {
        if (!enabled) return Caller.DEVELOPER;
        Map<String, String> claims = claims();
        String sub = claims == null ? null : claims.get("sub");
        if (sub == null || sub.isBlank()) throw new UnauthorizedException("no authenticated caller: the request carries no JWT authorizer claim 'sub'");
        return new Caller(sub, hasScope(claims.get("scope")) || hasScope(claims.get("scp")));
    }

    private boolean hasScope(String value) {
        if (value == null) return false;
        return Arrays.stream(value.replace("[", " ").replace("]", " ").replace(",", " ").split("\\s+")).anyMatch(adminScope::equals);
    }

    private Map<String, String> claims() {
        if (!request.isResolvable()) return null;
        CurrentVertxRequest current = request.get();
        if (current.getCurrent() == null || !(current.getCurrent().request().headers() instanceof QuarkusHttpHeaders headers)) return null;
        APIGatewayV2HTTPEvent event = headers.getContextObject(APIGatewayV2HTTPEvent.class);
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) return null;
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }
}
