package io.zoneha.resources.aws.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The form fields of one EC2 Query request, with the list and filter conventions of that protocol. */
final class QueryParams {
  private final Map<String, String> fields;

  QueryParams(Map<String, String> fields) {
    this.fields = fields;
  }

  Map<String, String> all() {
    return fields;
  }

  String get(String name) {
    return fields.get(name);
  }

  String required(String name) {
    String v = fields.get(name);
    if (v == null || v.isEmpty()) {
      throw AwsError.badRequest("MissingParameter",
          "The request must contain the parameter " + name);
    }
    return v;
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(fields.get(name));
  }

  /** {@code Name.1}, {@code Name.2}, ... in order. */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; fields.containsKey(name + "." + i); i++) {
      out.add(fields.get(name + "." + i));
    }
    return out;
  }

  /** {@code Filter.N.Name} and {@code Filter.N.Value.M}; a filter matches when any value matches. */
  Map<String, List<String>> filters() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 1; fields.containsKey("Filter." + i + ".Name"); i++) {
      out.put(fields.get("Filter." + i + ".Name"), list("Filter." + i + ".Value"));
    }
    return out;
  }
}
