package io.zoneha.engine.group;

import io.vertx.core.Future;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.status.NodeStatus.ResourceDetails;
import io.zoneha.engine.status.NodeStatus.ResourceStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one group's resources on this server: activation level by level (parallel inside a
 * level), each resource retried as configured, rollback of what started when one fails;
 * deactivation in reverse. Reports outcomes, never throws.
 */
public final class GroupRunner {
  private static final Logger log = LoggerFactory.getLogger(GroupRunner.class);

  private final GroupConfig group;
  private final Map<String, ResourceDriver> drivers;
  private final List<List<ResourceConfig>> levels;
  private final Map<String, ResourceStatus> states = new LinkedHashMap<>();
  private final Runnable onChange;
  /** Operations run one after the other: a stop asked during a start waits for the start. */
  private Future<?> tail = Future.succeededFuture();

  public GroupRunner(GroupConfig group, Map<String, ResourceDriver> drivers, Runnable onChange) {
    this.group = group;
    this.drivers = drivers;
    this.levels = ActivationOrder.levels(group.resources());
    group.resources().forEach(r -> states.put(r.name(), new ResourceStatus(r.name(), group.name(),
        ResourceState.OFFLINE.label(), 0, "")));
    this.onChange = onChange;
  }

  /** The outcome of a whole-group action; {@code failure} is null on success. */
  public record Outcome(String resource, ActionFailure failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  public List<ResourceStatus> states() {
    return List.copyOf(states.values());
  }

  /** The driver of one of this group's resources, if it has one by that name. */
  public java.util.Optional<ResourceDriver> driver(String resource) {
    return java.util.Optional.ofNullable(drivers.get(resource));
  }

  /** What the drivers report beyond their state; resources with nothing to add are left out. */
  public List<ResourceDetails> details() {
    List<ResourceDetails> out = new ArrayList<>();
    for (ResourceConfig r : group.resources()) {
      Map<String, Object> d;
      try {
        d = drivers.get(r.name()).details();
      } catch (RuntimeException e) {
        log.warn("resource {}: details failed: {}", r.name(), e.toString());
        continue;
      }
      if (d != null && !d.isEmpty()) {
        out.add(new ResourceDetails(r.name(), group.name(), d));
      }
    }
    return out;
  }

  /** The configuration of one of this group's resources. */
  public java.util.Optional<ResourceConfig> resource(String name) {
    return group.resources().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Completes when every operation asked so far has finished. */
  public Future<Void> idle() {
    return queued(() -> Future.succeededFuture(new Outcome(null, null))).mapEmpty();
  }

  /** Releases every driver (a new runner replaces this one); call when the group is offline here. */
  public Future<Void> close() {
    return idle().compose(v -> Future.join(drivers.values().stream().map(d -> {
      try {
        return d.close();
      } catch (RuntimeException e) {
        return Future.<Void>failedFuture(e);
      }
    }).toList())).<Void>mapEmpty().recover(e -> {
      log.warn("group {}: closing a resource failed: {}", group.name(), e.toString());
      return Future.succeededFuture();
    });
  }

  public Future<Outcome> activate(Reason reason) {
    return queued(() -> doActivate(reason));
  }

  public Future<Outcome> deactivate(Reason reason) {
    return queued(() -> doDeactivate(reason));
  }

  /** Restart one resource in place (monitor recovery); dependents keep running. */
  public Future<Outcome> reactivate(String resource, Reason reason) {
    ResourceConfig r = group.resources().stream().filter(x -> x.name().equals(resource)).findFirst().orElseThrow();
    return queued(() -> deactivateOne(r, reason).compose(o -> o.ok() ? activateOne(r, reason) : Future.succeededFuture(o)));
  }

  private Future<Outcome> queued(java.util.function.Supplier<Future<Outcome>> op) {
    Future<Outcome> next = tail.transform(ar -> op.get());
    tail = next;
    return next;
  }

  private Future<Outcome> doActivate(Reason reason) {
    return runLevels(levels, r -> activateOne(r, reason)).compose(o -> {
      if (o.ok()) {
        return Future.succeededFuture(o);
      }
      log.warn("group {}: activation failed at {}; rolling back", group.name(), o.resource());
      return doDeactivate(Reason.of("roll back after failed activation of " + o.resource()))
          .map(rb -> rb.ok() ? o : rb);
    });
  }

  private Future<Outcome> doDeactivate(Reason reason) {
    List<List<ResourceConfig>> reversed = new ArrayList<>(levels);
    Collections.reverse(reversed);
    return runLevels(reversed, r -> deactivateOne(r, reason));
  }

  private Future<Outcome> runLevels(List<List<ResourceConfig>> ls, Function<ResourceConfig, Future<Outcome>> step) {
    Future<Outcome> chain = Future.succeededFuture(new Outcome(null, null));
    for (List<ResourceConfig> level : ls) {
      chain = chain.compose(prev -> prev.ok() ? runLevel(level, step) : Future.succeededFuture(prev));
    }
    return chain;
  }

  private Future<Outcome> runLevel(List<ResourceConfig> level, Function<ResourceConfig, Future<Outcome>> step) {
    List<Future<Outcome>> all = level.stream().map(step).toList();
    return Future.join(all).transform(ar -> Future.succeededFuture(
        all.stream().map(Future::result).filter(o -> o != null && !o.ok()).findFirst().orElse(new Outcome(null, null))));
  }

  private Future<Outcome> activateOne(ResourceConfig r, Reason reason) {
    set(r.name(), ResourceState.STARTING, 0, "");
    return attempt(() -> drivers.get(r.name()).activate(reason), r.activation().retries())
        .transform(ar -> {
          if (ar.succeeded()) {
            set(r.name(), ResourceState.ONLINE, 0, "");
            return Future.succeededFuture(new Outcome(r.name(), null));
          }
          ActionFailure f = ActionFailure.of(ar.cause(), 99);
          log.error("resource {}: activation failed ({}: {})", r.name(), f.code(), f.getMessage());
          set(r.name(), ResourceState.ERROR, f.code(), f.getMessage());
          return Future.succeededFuture(new Outcome(r.name(), f));
        });
  }

  private Future<Outcome> deactivateOne(ResourceConfig r, Reason reason) {
    if (states.get(r.name()).state().equals(ResourceState.OFFLINE.label())) {
      return Future.succeededFuture(new Outcome(r.name(), null));
    }
    set(r.name(), ResourceState.STOPPING, 0, "");
    return attempt(() -> drivers.get(r.name()).deactivate(reason), r.deactivation().retries())
        .transform(ar -> {
          if (ar.succeeded()) {
            set(r.name(), ResourceState.OFFLINE, 0, "");
            return Future.succeededFuture(new Outcome(r.name(), null));
          }
          ActionFailure f = ActionFailure.of(ar.cause(), 99);
          log.error("resource {}: deactivation failed ({}: {})", r.name(), f.code(), f.getMessage());
          set(r.name(), ResourceState.ERROR, f.code(), f.getMessage());
          return Future.succeededFuture(new Outcome(r.name(), f));
        });
  }

  private static Future<Void> attempt(java.util.function.Supplier<Future<Void>> action, int retriesLeft) {
    Future<Void> f;
    try {
      f = action.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.recover(e -> {
      boolean retryable = !(e instanceof ActionFailure af) || af.scope() == ActionFailure.Scope.RETRY_HERE;
      return retriesLeft > 0 && retryable ? attempt(action, retriesLeft - 1) : Future.failedFuture(e);
    });
  }

  private void set(String name, ResourceState s, int code, String message) {
    states.put(name, new ResourceStatus(name, group.name(), s.label(), code, message));
    onChange.run();
  }
}
