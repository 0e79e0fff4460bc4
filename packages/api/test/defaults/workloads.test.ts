import { describe, expect, it, test } from "vitest";
import { defaults } from "@apimachinery/api";

/**
 * The spec that `kubectl get deployment -o yaml` shows for `kubectl create deployment web
 * --image=nginx` on a Kubernetes 1.35 cluster, without the fields that controllers and
 * metadata handling add (status, revision annotation, uid, timestamps):
 *
 *   spec.progressDeadlineSeconds: 600, spec.replicas: 1, spec.revisionHistoryLimit: 10,
 *   spec.strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}},
 *   containers[0]: imagePullPolicy Always, resources {}, terminationMessagePath
 *   /dev/termination-log, terminationMessagePolicy File; dnsPolicy ClusterFirst,
 *   restartPolicy Always, schedulerName default-scheduler, securityContext {},
 *   terminationGracePeriodSeconds 30.
 */
const defaultedDeploymentSpec = {
  progressDeadlineSeconds: 600,
  replicas: 1,
  revisionHistoryLimit: 10,
  selector: { matchLabels: { app: "web" } },
  strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
  template: {
    metadata: { labels: { app: "web" } },
    spec: {
      containers: [
        {
          name: "nginx",
          image: "nginx",
          imagePullPolicy: "Always",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  },
};

function minimalDeployment(): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } },
    },
  };
}

describe("Deployment defaults", () => {
  it("fills the fields a cluster shows", () => {
    const deployment = minimalDeployment();
    defaults.defaultDeployment(deployment);
    expect(deployment["spec"]).toEqual(defaultedDeploymentSpec);
  });

  it("keeps values the client set", () => {
    const deployment = minimalDeployment();
    const spec = deployment["spec"] as Record<string, unknown>;
    Object.assign(spec, { replicas: 0, revisionHistoryLimit: 2, strategy: { type: "Recreate" } });
    defaults.defaultDeployment(deployment);
    expect(spec["replicas"]).toBe(0);
    expect(spec["revisionHistoryLimit"]).toBe(2);
    expect(spec["strategy"]).toEqual({ type: "Recreate" });
  });

  it("fills a partial rolling update", () => {
    const deployment = minimalDeployment();
    (deployment["spec"] as Record<string, unknown>)["strategy"] = { rollingUpdate: { maxSurge: 2 } };
    defaults.defaultDeployment(deployment);
    expect((deployment["spec"] as Record<string, unknown>)["strategy"]).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 2, maxUnavailable: "25%" } });
  });

  it("is idempotent", () => {
    const deployment = minimalDeployment();
    defaults.defaultDeployment(deployment);
    const once = structuredClone(deployment);
    defaults.defaultDeployment(deployment);
    expect(deployment).toEqual(once);
  });
});

test.each([
  ["nginx", "Always"],
  ["nginx:latest", "Always"],
  ["nginx:1.27", "IfNotPresent"],
  ["registry.example.com:5000/team/app", "Always"],
  ["registry.example.com:5000/team/app:v2", "IfNotPresent"],
  ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
  ["nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always"],
  ["", "IfNotPresent"],
])("imagePullPolicy of %j is %s", (image, policy) => {
  const container: Record<string, unknown> = { name: "c", image };
  defaults.defaultContainer(container);
  expect(container["imagePullPolicy"]).toBe(policy);
});

describe("container defaults", () => {
  it("fills ports, probes and field references", () => {
    const container: Record<string, unknown> = {
      name: "c",
      image: "app:1",
      ports: [{ containerPort: 80 }, { containerPort: 53, protocol: "UDP" }],
      livenessProbe: { httpGet: { port: 80 } },
      readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
      env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
    };
    defaults.defaultContainer(container);
    expect(container["ports"]).toEqual([
      { containerPort: 80, protocol: "TCP" },
      { containerPort: 53, protocol: "UDP" },
    ]);
    expect(container["livenessProbe"]).toEqual({
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect((container["readinessProbe"] as Record<string, unknown>)["periodSeconds"]).toBe(5);
    expect(container["env"]).toEqual([{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name", apiVersion: "v1" } } }]);
  });

  it("fills volume sources and modes", () => {
    const spec: Record<string, unknown> = {
      containers: [{ name: "c", image: "app:1" }],
      volumes: [{ name: "scratch" }, { name: "config", configMap: { name: "cm" } }, { name: "host", hostPath: { path: "/tmp" } }],
    };
    defaults.defaultPodSpec(spec);
    expect(spec["volumes"]).toEqual([
      { name: "scratch", emptyDir: {} },
      { name: "config", configMap: { name: "cm", defaultMode: 420 } },
      { name: "host", hostPath: { path: "/tmp", type: "" } },
    ]);
  });
});

describe("Pod defaults", () => {
  it("copies limits into missing requests", () => {
    const pod: Record<string, unknown> = {
      spec: { containers: [{ name: "c", image: "app:1", resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m" } } }] },
    };
    defaults.defaultPod(pod);
    const container = ((pod["spec"] as Record<string, unknown>)["containers"] as Record<string, unknown>[])[0]!;
    expect(container["resources"]).toEqual({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m", memory: "1Gi" } });
  });

  it("enables service links and host ports", () => {
    const pod: Record<string, unknown> = { spec: { hostNetwork: true, containers: [{ name: "c", image: "app:1", ports: [{ containerPort: 8080 }] }] } };
    defaults.defaultPod(pod);
    const spec = pod["spec"] as Record<string, unknown>;
    expect(spec["enableServiceLinks"]).toBe(true);
    expect((spec["containers"] as Record<string, unknown>[])[0]!["ports"]).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: "TCP" }]);
  });

  test.each([
    [[{}], "BestEffort"],
    [[{ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } }], "Guaranteed"],
    [[{ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m", memory: "1Gi" } }], "Burstable"],
    [[{ requests: { cpu: "100m" } }], "Burstable"],
    [[{ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } }, {}], "Burstable"],
  ])("QoS class of %j is %s", (resources, qosClass) => {
    const pod = { spec: { containers: resources.map((value, index) => ({ name: `c${index}`, image: "app:1", resources: value })) } };
    expect(defaults.podQOSClass(pod)).toBe(qosClass);
  });
});

describe("ReplicaSet, Job and CronJob defaults", () => {
  it("gives a ReplicaSet one replica", () => {
    const replicaSet: Record<string, unknown> = { spec: { template: { spec: { containers: [{ name: "c", image: "app:1" }] } } } };
    defaults.defaultReplicaSet(replicaSet);
    expect((replicaSet["spec"] as Record<string, unknown>)["replicas"]).toBe(1);
  });

  it("fills the fields a cluster shows for a Job", () => {
    const job: Record<string, unknown> = {
      metadata: { name: "pi" },
      spec: { template: { metadata: { labels: { app: "pi" } }, spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5" }] } } },
    };
    defaults.defaultJob(job);
    const spec = job["spec"] as Record<string, unknown>;
    expect({ ...spec, template: undefined }).toEqual({
      backoffLimit: 6,
      completionMode: "NonIndexed",
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: "TerminatingOrFailed",
      suspend: false,
      template: undefined,
    });
    expect((job["metadata"] as Record<string, unknown>)["labels"]).toEqual({ app: "pi" });
  });

  it("lifts the backoff limit for per-index limits", () => {
    const job: Record<string, unknown> = { spec: { completionMode: "Indexed", completions: 4, backoffLimitPerIndex: 1 } };
    defaults.defaultJob(job);
    const spec = job["spec"] as Record<string, unknown>;
    expect(spec["backoffLimit"]).toBe(2147483647);
    expect(spec["parallelism"]).toBe(1);
    expect(spec["completionMode"]).toBe("Indexed");
  });

  it("leaves completions unset for a parallel Job", () => {
    const job: Record<string, unknown> = { spec: { parallelism: 3, podFailurePolicy: { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] } } };
    defaults.defaultJob(job);
    const spec = job["spec"] as Record<string, unknown>;
    expect(spec["completions"]).toBeUndefined();
    expect(spec["podReplacementPolicy"]).toBe("Failed");
    expect(spec["podFailurePolicy"]).toEqual({ rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }] });
  });

  it("fills a CronJob but not its job spec", () => {
    const cronJob: Record<string, unknown> = {
      spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] } } } } },
    };
    defaults.defaultCronJob(cronJob);
    const spec = cronJob["spec"] as Record<string, Record<string, Record<string, unknown>>>;
    expect(spec["concurrencyPolicy"]).toBe("Allow");
    expect(spec["suspend"]).toBe(false);
    expect(spec["successfulJobsHistoryLimit"]).toBe(3);
    expect(spec["failedJobsHistoryLimit"]).toBe(1);
    expect(spec["jobTemplate"]!["spec"]!["backoffLimit"]).toBeUndefined();
    expect((spec["jobTemplate"]!["spec"]!["template"] as Record<string, Record<string, unknown>>)["spec"]!["dnsPolicy"]).toBe("ClusterFirst");
  });
});

describe("core defaults", () => {
  it("fills a Service", () => {
    const service: Record<string, unknown> = { spec: { selector: { app: "web" }, ports: [{ port: 80 }, { port: 53, protocol: "UDP", targetPort: "dns" }] } };
    defaults.defaultService(service);
    defaults.defaultServiceIPFamilies(service);
    expect(service["spec"]).toEqual({
      selector: { app: "web" },
      ports: [
        { port: 80, protocol: "TCP", targetPort: 80 },
        { port: 53, protocol: "UDP", targetPort: "dns" },
      ],
      sessionAffinity: "None",
      type: "ClusterIP",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
    });
  });

  it("fills a LoadBalancer Service", () => {
    const service: Record<string, unknown> = { spec: { type: "LoadBalancer", sessionAffinity: "ClientIP", ports: [{ port: 443 }] } };
    defaults.defaultService(service);
    const spec = service["spec"] as Record<string, unknown>;
    expect(spec["externalTrafficPolicy"]).toBe("Cluster");
    expect(spec["allocateLoadBalancerNodePorts"]).toBe(true);
    expect(spec["sessionAffinityConfig"]).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it("gives an ExternalName Service no IP family", () => {
    const service: Record<string, unknown> = { spec: { type: "ExternalName", externalName: "example.com" } };
    defaults.defaultService(service);
    defaults.defaultServiceIPFamilies(service);
    expect(service["spec"]).toEqual({ type: "ExternalName", externalName: "example.com", sessionAffinity: "None" });
  });

  it("types a Secret and moves stringData into data", () => {
    const secret: Record<string, unknown> = { data: { a: "YQ==", b: "Yg==" }, stringData: { b: "two", c: "three" } };
    defaults.defaultSecret(secret);
    expect(secret).toEqual({ type: "Opaque", data: { a: "YQ==", b: "dHdv", c: "dGhyZWU=" } });
  });

  it("encodes stringData as UTF-8", () => {
    const secret: Record<string, unknown> = { stringData: { greeting: "héllo" } };
    defaults.defaultSecret(secret);
    expect(secret["data"]).toEqual({ greeting: "aMOpbGxv" });
  });

  it("labels a Namespace with its name", () => {
    const namespace: Record<string, unknown> = { metadata: { name: "team-a", labels: { tier: "dev" } } };
    defaults.defaultNamespace(namespace);
    expect(namespace).toEqual({ metadata: { name: "team-a", labels: { tier: "dev", "kubernetes.io/metadata.name": "team-a" } }, status: { phase: "Active" } });
  });
});

test.each([
  ["zero scalar and absent", { a: 1, b: "" }, { a: 1 }, true],
  ["false and absent", { paused: false }, {}, true],
  ["empty map and absent", { labels: {} }, {}, true],
  ["empty list and absent", { items: [] }, {}, true],
  ["nested zero struct", { spec: { hostNetwork: false, containers: [{ name: "a", stdin: false }] } }, { spec: { containers: [{ name: "a" }] } }, true],
  ["key order", { a: 1, b: 2 }, { b: 2, a: 1 }, true],
  ["different value", { a: 1 }, { a: 2 }, false],
  ["different list length", { a: [1] }, { a: [1, 1] }, false],
  ["bigint and number", { a: 5n }, { a: 5 }, true],
  ["bigint and fraction", { a: 5n }, { a: 5.5 }, false],
  ["string and number", { a: "1" }, { a: 1 }, false],
])("deepEqual %s", (_name, a, b, equal) => {
  expect(defaults.deepEqual(a, b)).toBe(equal);
  expect(defaults.deepEqual(b, a)).toBe(equal);
});
