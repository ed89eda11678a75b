package kz.jospar.reporting;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties({CycleProperties.class, ControlProperties.class})
class ReportingConfiguration {}
