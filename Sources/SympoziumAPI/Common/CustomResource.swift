import Foundation
import KubeModel

/// A Sympozium kind: everything needed to generate its CRD, default it and
/// validate it lives on the type.
public protocol CustomResource: HasSpec, HasStatus {
    /// One-paragraph description of the kind for the CRD schema.
    static var kindDescription: String { get }
    static var specSchema: JSONSchemaProps { get }
    static var statusSchema: JSONSchemaProps { get }
    static var requiredSpec: Bool { get }
    static var printerColumns: [CustomResourceColumnDefinition] { get }
    static var shortNames: [String] { get }

    /// Checks beyond what the schema says (cron syntax, durations, names...).
    func validateSemantics() -> [FieldError]
}

extension CustomResource {
    public static var group: String { SympoziumGroup.name }
    public static var version: String { SympoziumGroup.version }
    public static var scope: ResourceScope { .namespaced }
    public static var requiredSpec: Bool { true }

    /// The whole openAPIV3Schema of the kind.
    public static var openAPISchema: JSONSchemaProps {
        var root = JSONSchemaProps.object(
            kindDescription,
            properties: [
                "apiVersion": .string("Versioned schema of this representation of an object."),
                "kind": .string("REST resource this object represents, in CamelCase."),
                "metadata": JSONSchemaProps(type: "object"),
                "spec": specSchema,
                "status": statusSchema,
            ])
        if requiredSpec { root.required = ["spec"] }
        return root
    }

    public static var structuralSchema: StructuralSchema { StructuralSchema(openAPISchema) }

    /// The generated CustomResourceDefinition.
    public static var customResourceDefinition: CustomResourceDefinition {
        let names = CustomResourceDefinitionNames(
            kind: kind, listKind: listKind, plural: plural, singular: singular, shortNames: shortNames,
            categories: [SympoziumGroup.category])
        let version = CustomResourceDefinitionVersion(
            name: version, served: true, storage: true,
            schema: CustomResourceValidation(openAPIV3Schema: openAPISchema),
            subresources: CustomResourceSubresources(status: true),
            additionalPrinterColumns: printerColumns)
        return CustomResourceDefinition(
            metadata: ObjectMeta(name: "\(plural).\(group)"),
            spec: CustomResourceDefinitionSpec(group: group, names: names, scope: scope, versions: [version]))
    }

    /// The age column every kind ends with.
    public static var ageColumn: CustomResourceColumnDefinition {
        CustomResourceColumnDefinition(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp")
    }

    /// Schema defaults applied as the API server applies them; the schema is
    /// the single source of truth for default values.
    public func defaulted() throws -> Self {
        var object = try JSONValue(encoding: self)
        Self.structuralSchema.applyDefaults(&object)
        return try object.decode(as: Self.self)
    }

    /// Schema and semantic validation, with field paths.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if let name = metadata.name {
            errors += Names.validateDNSSubdomain(name, at: "metadata.name")
        } else if metadata.generateName == nil {
            errors.append(.required("metadata.name", "Required value: name or generateName is required"))
        }
        do {
            let object = try JSONValue(encoding: self)
            errors += Self.structuralSchema.validate(object)
        } catch {
            errors.append(.invalid("<root>", "cannot encode object: \(error)"))
        }
        return errors + validateSemantics()
    }
}
