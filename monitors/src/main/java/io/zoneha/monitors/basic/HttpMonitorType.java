package io.zoneha.monitors.basic;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorType;
import java.util.List;

/** {@code type: httpw}: normal while GET {@code url} answers {@code expectStatus} (default 200). */
public final class HttpMonitorType implements MonitorType {
  @Override
  public String type() {
    return "httpw";
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return HttpParams.validate(params);
  }

  @Override
  public MonitorDriver create(MonitorContext context) {
    return new HttpMonitorDriver(context.vertx(), HttpParams.from(context.params()), context.monitor().timeout());
  }
}
