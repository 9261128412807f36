// A PYTHON draft's Kubernetes form, the operator's Python job: the image is the Flink image plus Python, the
// apache-flink of the image's release and the script; the job runs opt/flink-python-<release>.jar's PythonDriver.
import { FLINK_IMAGE_RELEASES, type FlinkVersion } from '../deployment/fields';
import { PYTHON_DRIVER } from './pythonDraft';

/** Where the image's interpreter is (the operator's examples name this path; the Dockerfile links it). */
export const IMAGE_PYTHON = '/usr/local/bin/python3';

/** The Flink release an image tag runs ("1.20.1-java17" → 1.20.1), else the line's default image release. */
export function imageRelease(imageTag: string | null | undefined, flinkVersion: FlinkVersion): string {
  return /^(\d+\.\d+\.\d+)/.exec(imageTag ?? '')?.[1] ?? FLINK_IMAGE_RELEASES[flinkVersion];
}

/** The FlinkDeployment's job: the driver jar the image has in opt/, running the script copied into usrlib/. */
export function pythonJobSpec(release: string, scriptName: string, args: readonly string[]): { jarURI: string; entryClass: string; args: string[] } {
  return {
    jarURI: `local:///opt/flink/opt/flink-python-${release}.jar`,
    entryClass: PYTHON_DRIVER,
    args: ['-pyclientexec', IMAGE_PYTHON, '-py', `/opt/flink/usrlib/${scriptName}`, ...args],
  };
}

/** The image: the official Flink image, Python 3 with the release's apache-flink, and the script. */
export function pythonDockerfile(imageTag: string, release: string, image: { image: string; dir: string; jarName: string }): string {
  return `# The image of the PYTHON draft's Kubernetes deployment: the official Flink image plus Python 3, apache-flink
# ${release} (the image's Flink release) and the script (/opt/flink/usrlib/${image.jarName}). Written by Flink SQL
# Studio beside the manifest. Build it with:
#   docker build --build-arg FLINK_IMAGE=flink:${imageTag} -t ${image.image}:${imageTag} ${image.dir}/
ARG FLINK_IMAGE=flink:${imageTag}
FROM \${FLINK_IMAGE}
RUN apt-get update -y && apt-get install -y --no-install-recommends python3 python3-pip && rm -rf /var/lib/apt/lists/* \\
 && ln -sf /usr/bin/python3 ${IMAGE_PYTHON}
RUN ${IMAGE_PYTHON} -m pip install --no-cache-dir apache-flink==${release}
COPY ${image.jarName} /opt/flink/usrlib/${image.jarName}
`;
}
