package io.zoneha.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zoneha.engine.config.ManagementConfig.Role;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the API and how. Scripts send an Authorization header (the CLI's bearer token or
 * Basic with a configured user); browsers log in once and then carry an HttpOnly, SameSite=Strict
 * session cookie. Because a cookie travels by itself, every state-changing request made with one
 * must also echo the session's CSRF token in {@link #CSRF_HEADER}.
 */
final class AuthHandlers {
  static final String COOKIE = "zoneha_session";
  static final String CSRF_HEADER = "X-ZoneHA-CSRF";
  static final String CALLER = "zoneha.caller";
  static final String SESSION = "zoneha.session";

  private final Vertx vertx;
  private final ManagementAuth auth;
  private final SessionStore sessions;
  private final AuditLog audit;
  private final boolean secureCookie;
  private final LoginThrottle throttle = new LoginThrottle();

  AuthHandlers(Vertx vertx, ManagementAuth auth, SessionStore sessions, AuditLog audit, boolean secureCookie) {
    this.vertx = vertx;
    this.auth = auth;
    this.sessions = sessions;
    this.audit = audit;
    this.secureCookie = secureCookie;
  }

  /** Lets the request through with a caller, or answers 401 (no proof) / 403 (missing CSRF token). */
  void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null) {
      byHeader(ctx, header).onComplete(r -> {
        if (r.succeeded() && r.result().isPresent()) {
          ctx.put(CALLER, r.result().get());
          ctx.next();
        } else if (!ctx.response().ended()) {
          unauthorized(ctx);
        }
      });
      return;
    }
    Cookie c = ctx.request().getCookie(COOKIE);
    Optional<SessionStore.Session> s = sessions.find(c == null ? null : c.getValue(), System.currentTimeMillis());
    if (s.isEmpty()) {
      unauthorized(ctx);
      return;
    }
    if (changesState(ctx.request().method()) && !csrfMatches(ctx.request().getHeader(CSRF_HEADER), s.get().csrf())) {
      Http.error(ctx, 403, CSRF_HEADER + ": missing or wrong; send the token from /api/v1/login or /api/v1/session");
      return;
    }
    ctx.put(CALLER, s.get().caller());
    ctx.put(SESSION, s.get());
    ctx.next();
  }

  /** Browsers open WebSockets with the cookie only: refuse pages of other origins (CSWSH). */
  void sameOriginForCookies(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (ctx.get(SESSION) != null && origin != null && !sameAuthority(origin, ctx.request().getHeader("Host"))) {
      Http.error(ctx, 403, "Origin: " + origin + " is not this management endpoint");
      return;
    }
    ctx.next();
  }

  void requireOperator(RoutingContext ctx) {
    ManagementAuth.Caller c = ctx.get(CALLER);
    if (c.role() != Role.OPERATOR) {
      Http.error(ctx, 403, "user " + c.name() + " may only view (role viewer)");
    } else {
      ctx.next();
    }
  }

  void login(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    String user = Http.requiredString(body, "user");
    String password = Http.requiredString(body, "password");
    String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    if (throttled(ctx, client)) {
      return;
    }
    // PBKDF2 is deliberately slow: keep it off the event loop
    vertx.executeBlocking(() -> auth.login(user, password)).onSuccess(found -> {
      if (found.isEmpty()) {
        throttle.failed(client, System.currentTimeMillis());
        audit.record(user.length() > 40 ? user.substring(0, 40) + "..." : user, "warning", null,
            "login refused (wrong user or password)");
        Http.error(ctx, 401, "user or password is wrong");
        return;
      }
      throttle.succeeded(client);
      SessionStore.Session s = sessions.create(found.get(), System.currentTimeMillis());
      ctx.response().addCookie(Cookie.cookie(COOKIE, s.id()).setPath("/").setHttpOnly(true)
          .setSameSite(CookieSameSite.STRICT).setSecure(secureCookie));
      audit.record(user, "info", null, "logged in");
      Http.json(ctx, 200, describe(s.caller(), s));
    }).onFailure(ctx::fail);
  }

  void logout(RoutingContext ctx) {
    SessionStore.Session s = ctx.get(SESSION);
    if (s != null) {
      sessions.remove(s.id());
      audit.record(s.caller().name(), "info", null, "logged out");
    }
    ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(secureCookie).setMaxAge(0));
    Http.json(ctx, 200, new JsonObject().put("loggedOut", s != null));
  }

  void session(RoutingContext ctx) {
    Http.json(ctx, 200, describe(ctx.get(CALLER), ctx.get(SESSION)));
  }

  private static JsonObject describe(ManagementAuth.Caller c, SessionStore.Session s) {
    JsonObject j = new JsonObject().put("user", c.name()).put("role", c.role().name().toLowerCase())
        .put("canOperate", c.role() == Role.OPERATOR).put("auth", s == null ? "header" : "session");
    if (s != null) {
      j.put("csrf", s.csrf());
    }
    return j;
  }

  private Future<Optional<ManagementAuth.Caller>> byHeader(RoutingContext ctx, String header) {
    if (!header.startsWith("Basic ")) {
      return Future.succeededFuture(auth.authenticate(header));
    }
    String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    if (throttled(ctx, client)) {
      return Future.failedFuture("throttled");
    }
    return vertx.executeBlocking(() -> auth.authenticate(header)).onSuccess(found -> {
      if (found.isPresent()) {
        throttle.succeeded(client);
      } else {
        throttle.failed(client, System.currentTimeMillis());
      }
    });
  }

  /** Answers 429 when this client guessed wrong too often; true when it did. */
  private boolean throttled(RoutingContext ctx, String client) {
    long wait = throttle.waitMillis(client, System.currentTimeMillis());
    if (wait <= 0) {
      return false;
    }
    long seconds = (wait + 999) / 1000;
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    Http.error(ctx, 429, "too many wrong passwords from " + client + "; try again in " + seconds + " s");
    return true;
  }

  private static void unauthorized(RoutingContext ctx) {
    // a Bearer challenge: a Basic one would make browsers pop up their own login dialog
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"zoneha\"");
    Http.error(ctx, 401, "authentication required: log in, or send an Authorization header");
  }

  private static boolean changesState(HttpMethod m) {
    return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
  }

  private static boolean csrfMatches(String sent, String expected) {
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean sameAuthority(String origin, String host) {
    try {
      return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
