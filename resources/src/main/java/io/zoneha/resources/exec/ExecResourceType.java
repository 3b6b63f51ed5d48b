package io.zoneha.resources.exec;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import java.util.List;

/**
 * {@code type: exec}: a resource brought up and down by shell commands ({@code start},
 * optional {@code stop}, {@code timeout}, {@code env}). Processes are started by the
 * {@link ProcessRunner} found in the node's services ({@link SetsidProcessRunner} by default).
 */
public final class ExecResourceType implements ResourceType {
  @Override
  public String type() {
    return "exec";
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return ExecParams.validate(params);
  }

  @Override
  public ResourceDriver create(ResourceContext context) {
    ProcessRunner processes = context.services().get(ProcessRunner.class, SetsidProcessRunner::new);
    return new ExecResourceDriver(context, ExecParams.from(context.params()), processes);
  }
}
