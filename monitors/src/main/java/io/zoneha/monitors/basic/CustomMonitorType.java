package io.zoneha.monitors.basic;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.resources.exec.ProcessRunner;
import io.zoneha.resources.exec.SetsidProcessRunner;
import java.util.List;

/** {@code type: customw}: a script decides; exit 0 is normal, see {@link CustomMonitorDriver}. */
public final class CustomMonitorType implements MonitorType {
  @Override
  public String type() {
    return "customw";
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return CustomParams.validate(params);
  }

  @Override
  public MonitorDriver create(MonitorContext context) {
    ProcessRunner processes = context.services().get(ProcessRunner.class, SetsidProcessRunner::new);
    return new CustomMonitorDriver(context, CustomParams.from(context.params()), processes);
  }
}
