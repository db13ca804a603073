import Admission
import KubeYAML

/// The admission webhook configurations as committed in config/webhook.
public enum WebhookManifestFile {
    public static let path = "config/webhook/manifests.yaml"

    public static func render(_ manifests: WebhookManifests = WebhookManifests()) throws -> String {
        try "---\n" + YAMLWriter.render(encoding: manifests.validating()) + "---\n" + YAMLWriter.render(encoding: manifests.mutating())
    }
}
