package io.zoneha.mirror.resource;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import java.util.List;

/** {@code md}: a mirrored disk exported over NBD by the node where its group is active. */
public final class MdResourceType implements ResourceType {
  @Override
  public String type() {
    return "md";
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return MdParams.parse(params, "md").problems();
  }

  /** Also checks that {@code initialCopy} names a server of the group (or is {@code skip}). */
  @Override
  public List<FieldProblem> validate(Params params, List<String> groupServers) {
    MdParams.Parsed parsed = MdParams.parse(params, "md");
    if (parsed.params() == null) {
      return parsed.problems();
    }
    String source = parsed.params().initialCopy();
    if (!source.isEmpty() && !source.equals(MdParams.SKIP_INITIAL_COPY) && !groupServers.contains(source)) {
      return List.of(new FieldProblem(MdParams.INITIAL_COPY, "unknown server '" + source + "' (servers of the group: "
          + String.join(", ", groupServers) + "; or '" + MdParams.SKIP_INITIAL_COPY + "')"));
    }
    return List.of();
  }

  @Override
  public ResourceDriver create(ResourceContext context) {
    MdParams.Parsed parsed = MdParams.parse(context.params(), context.resource().name());
    if (!parsed.problems().isEmpty()) {
      throw new IllegalArgumentException(context.resource().name() + ": " + parsed.problems());
    }
    return new MdDriver(context, parsed.params());
  }
}
