package dev.metarec.functions.security;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves the caller from the API Gateway HTTP API JWT authorizer: API Gateway has already verified the
 * token (issuer, audience, expiry, signature), and hands its claims to the function in the event's
 * {@code requestContext.authorizer.jwt.claims}. The caller is the {@code sub} claim.
 *
 * <p>An admin needs two things: the admin scope ({@code metarec.auth.admin-scope}, looked up in {@code scope},
 * space-separated, or {@code scp}) and a token issued to one of the admin clients
 * ({@code metarec.auth.admin-clients}), read from {@link #CLIENT_CLAIMS} in that order (Cognito's
 * {@code client_id}, the OIDC authorized party {@code azp} of Auth0 and Keycloak, Okta's {@code cid}). The
 * scope alone is not enough: an identity provider that grants whatever scope a client asks for (Auth0 with RBAC
 * off) would otherwise make any app user an admin. With no admin clients configured nobody is an admin.
 *
 * <p>{@code metarec.auth.enabled=false} turns authorization off (every caller is an admin) for local
 * development only; the local profile sets it, the Lambda build keeps the default {@code true}.
 */
@Singleton
public class Callers {
    private static final Logger LOG = Logger.getLogger(Callers.class);
    /** The claims that name the OAuth client a token was issued to, in the order they are consulted. */
    public static final List<String> CLIENT_CLAIMS = List.of("client_id", "azp", "cid");

    @Inject Instance<CurrentVertxRequest> request;

    @ConfigProperty(name = "metarec.auth.enabled", defaultValue = "true") boolean enabled;

    @ConfigProperty(name = "metarec.auth.admin-scope", defaultValue = "metarec/admin") String adminScope;

    @ConfigProperty(name = "metarec.auth.admin-clients") Optional<List<String>> adminClientList;

    private Set<String> adminClients() {
        return adminClientList.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    void onStart(@Observes StartupEvent ev) {
        if (enabled && adminClients().isEmpty())
            LOG.warn("metarec.auth.admin-clients is empty: no token is an admin (catalogue writes and acting on other users are refused)");
    }

    public Caller current() {
        if (!enabled) return Caller.DEVELOPER;
        Map<String, String> claims = claims();
        String sub = claims == null ? null : claims.get("sub");
        if (sub == null || sub.isBlank()) throw new UnauthorizedException("no authenticated caller: the request carries no JWT authorizer claim 'sub'");
        boolean scope = hasScope(claims.get("scope")) || hasScope(claims.get("scp"));
        return new Caller(sub, scope && client(claims).filter(adminClients()::contains).isPresent());
    }

    /** The OAuth client the token was issued to: the first of {@link #CLIENT_CLAIMS} that is present. */
    static Optional<String> client(Map<String, String> claims) {
        for (String name : CLIENT_CLAIMS) {
            String v = claims.get(name);
            if (v != null && !v.isBlank()) return Optional.of(v.trim());
        }
        return Optional.empty();
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
