// What New Draft → JAR writes: a Maven project the user can build at once — Flink's APIs `provided` for the draft's
// Flink version, plugins pinned (Maven's defaults compile for Java 5), and a small stateful DataStream job (generated
// orders counted per product, printed to the TaskManager's stdout) whose operators carry uids, so savepoints carry
// over when the job changes.
import type { FlinkVersion } from '../deployment';
import { resolveFlinkVersion } from '../flink/provision';

export interface JarProjectNames {
  /** Maven artifactId: the draft's name. */
  artifactId: string;
  packageName: string;
  className: string;
  entryClass: string;
}

export function jarProjectNames(draftName: string): JarProjectNames {
  const words = draftName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const pkgPart = words.join('').toLowerCase().replace(/^(\d)/, '_$1') || 'job';
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('').replace(/^(\d)/, 'Job$1') || 'Flink';
  const className = /Job$/.test(pascal) ? pascal : `${pascal}Job`;
  const packageName = `com.example.${pkgPart}`;
  return { artifactId: draftName, packageName, className, entryClass: `${packageName}.${className}` };
}

/** The Flink release a project compiles against: the local cluster's pin of the line (its APIs are `provided`). */
export function flinkReleaseFor(version: FlinkVersion): string {
  return resolveFlinkVersion(version);
}

/** Files of the project, relative to its folder. */
export function jarProjectFiles(draftName: string, flinkVersion: FlinkVersion): Record<string, string> {
  const n = jarProjectNames(draftName);
  return {
    'pom.xml': pom(n, flinkReleaseFor(flinkVersion)),
    [`src/main/java/${n.packageName.replace(/\./g, '/')}/${n.className}.java`]: mainClass(n, draftName),
    '.gitignore': 'target/\n',
  };
}

function pom(n: JarProjectNames, flinkRelease: string): string {
  const plugin = (artifact: string, version: string, body = '') =>
    `      <plugin>\n        <groupId>org.apache.maven.plugins</groupId>\n        <artifactId>${artifact}</artifactId>\n        <version>${version}</version>${body}\n      </plugin>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- The job of the JAR draft "${n.artifactId}" (Flink SQL Studio builds it with mvn package before Validate, Execute and Publish). -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>${n.artifactId}</artifactId>
  <version>1.0-SNAPSHOT</version>
  <packaging>jar</packaging>

  <properties>
    <flink.version>${flinkRelease}</flink.version>
    <maven.compiler.release>11</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>

  <dependencies>
    <!-- provided: the cluster has Flink's APIs; the jar carries only the job (add connectors here without provided). -->
    <dependency>
      <groupId>org.apache.flink</groupId>
      <artifactId>flink-streaming-java</artifactId>
      <version>\${flink.version}</version>
      <scope>provided</scope>
    </dependency>
    <dependency>
      <groupId>org.apache.flink</groupId>
      <artifactId>flink-connector-datagen</artifactId>
      <version>\${flink.version}</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>

  <build>
    <plugins>
${plugin('maven-compiler-plugin', '3.13.0')}
${plugin('maven-resources-plugin', '3.3.1')}
${plugin('maven-surefire-plugin', '3.5.2')}
${plugin('maven-jar-plugin', '3.4.2', `
        <configuration>
          <archive><manifest><mainClass>${n.entryClass}</mainClass></manifest></archive>
        </configuration>`)}
    </plugins>
  </build>
</project>
`;
}

function mainClass(n: JarProjectNames, jobName: string): string {
  return `package ${n.packageName};

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Generated orders, counted per product; the running counts go to the TaskManager's stdout (Execute shows them).
 * Every operator has a uid: a changed job restores its state from a savepoint by these ids.
 */
public class ${n.className} {
    private static final String[] PRODUCTS = {"coffee", "tea", "cake"};

    public static void main(String[] args) throws Exception {
        long ordersPerSecond = args.length > 0 ? Long.parseLong(args[0]) : 5;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<String> orders = new DataGeneratorSource<>(
                i -> PRODUCTS[(int) (i % PRODUCTS.length)], Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(ordersPerSecond), Types.STRING);
        env.fromSource(orders, WatermarkStrategy.noWatermarks(), "orders").uid("orders")
                .map(product -> Tuple2.of(product, 1L)).returns(Types.TUPLE(Types.STRING, Types.LONG)).uid("one-per-order")
                .keyBy(order -> order.f0)
                .sum(1).uid("orders-per-product")
                .print().uid("print");
        env.execute(${JSON.stringify(jobName)});
    }
}
`;
}
