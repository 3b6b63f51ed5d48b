package io.zoneha.resources.aws;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/** Pure decisions about the VIP's routes; no I/O. */
public final class VipRoutes {
  private VipRoutes() {}

  /** One route table's route for the VIP: {@code target} is an ENI, gateway or instance ID (or null). */
  public record RouteView(String tableId, String target) {}

  /** The first VPC CIDR block that contains the VIP (the seed's error 53), if any. */
  public static Optional<String> cidrContaining(String vip, List<String> cidrs) {
    return cidrs.stream().filter(c -> Ipv4.inCidr(vip, c)).findFirst();
  }

  /** The VIP route of every table that has one. */
  public static List<RouteView> viewsOf(List<RouteTable> tables, String destination) {
    return tables.stream().flatMap(t -> t.routes().stream()
            .filter(r -> destination.equals(r.destinationCidrBlock()))
            .map(r -> new RouteView(t.routeTableId(), targetOf(r))))
        .toList();
  }

  static String targetOf(Route r) {
    if (r.networkInterfaceId() != null) {
      return r.networkInterfaceId();
    }
    return r.gatewayId() != null ? r.gatewayId() : r.instanceId();
  }

  /** The routes that do not point at {@code eniId} yet. */
  public static List<RouteView> notPointingAt(List<RouteView> routes, String eniId) {
    return routes.stream().filter(r -> !eniId.equals(r.target())).toList();
  }

  public static String describe(List<RouteView> routes) {
    return String.join(", ", routes.stream().map(r -> r.tableId() + " -> " + r.target()).toList());
  }
}
