package io.zoneha.resources.aws.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The emulated account's objects. Mutable; only {@link EmulatorState} touches them, under its lock. */
final class Model {
  private Model() {}

  static final class Az {
    String name;
    String zoneId;
    String state = "available";
    final List<String> messages = new ArrayList<>();
  }

  static final class Vpc {
    String id;
    final List<String> cidrs = new ArrayList<>();
  }

  static final class Subnet {
    String id;
    String vpcId;
    String cidr;
    String az;
  }

  static final class Route {
    String destination;
    String networkInterfaceId;
    String gatewayId;
    String instanceId;
    String origin = "CreateRoute";

    String target() {
      if (networkInterfaceId != null) {
        return networkInterfaceId;
      }
      return gatewayId != null ? gatewayId : instanceId;
    }
  }

  static final class RouteTable {
    String id;
    String vpcId;
    final List<Route> routes = new ArrayList<>();

    Route route(String destination) {
      return routes.stream().filter(r -> r.destination.equals(destination)).findFirst().orElse(null);
    }
  }

  static final class Instance {
    String id;
    String az;
    String state = "running";
  }

  static final class Eni {
    String id;
    String subnetId;
    String vpcId;
    String az;
    String privateIp;
    String instanceId;
    String macAddress;
  }

  static final class Address {
    String allocationId;
    String publicIp;
    String associationId;
    String networkInterfaceId;
    String privateIp;
  }

  static final class RecordSet {
    String name;
    String type;
    long ttl;
    final List<String> values = new ArrayList<>();
  }

  static final class HostedZone {
    String id;
    String name;
    boolean privateZone = true;
    /** Key: lower-case name with trailing dot + "|" + type. */
    final Map<String, RecordSet> records = new LinkedHashMap<>();
  }

  static final class Change {
    String id;
    long submittedAtMillis;
    String comment;
  }
}
