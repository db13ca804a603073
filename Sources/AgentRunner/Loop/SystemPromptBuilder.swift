import Foundation

/// The system prompt: the base prompt, every skill file under /skills, the
/// channel context when the run came from a channel, and the memory
/// (/memory/MEMORY.md unless it is the placeholder) with the instruction to
/// emit an updated memory block.
public struct SystemPromptBuilder: Sendable {
    public var basePrompt: String
    public var paths: RunnerPaths
    public var memoryEnabled: Bool
    public var sourceChannel: String?
    public var sourceChatID: String?

    /// A skill file larger than this is cut.
    public static let maxSkillFileBytes = 64 * 1024
    /// All skills together stop at this size.
    public static let maxSkillBytes = 512 * 1024
    /// What the controller writes into a new memory ConfigMap (and the
    /// original implementation's equivalent): not worth showing the model.
    public static let memoryPlaceholders = ["# Memory\n\nNothing remembered yet.", "# Agent Memory\n\nNo memories recorded yet."]

    public init(configuration: RunnerConfiguration) {
        self.init(
            basePrompt: configuration.systemPrompt ?? RunnerConfiguration.defaultBasePrompt, paths: configuration.paths,
            memoryEnabled: configuration.memoryEnabled, sourceChannel: configuration.sourceChannel,
            sourceChatID: configuration.sourceChatID)
    }

    public init(basePrompt: String, paths: RunnerPaths, memoryEnabled: Bool, sourceChannel: String? = nil, sourceChatID: String? = nil) {
        self.basePrompt = basePrompt
        self.paths = paths
        self.memoryEnabled = memoryEnabled
        self.sourceChannel = sourceChannel
        self.sourceChatID = sourceChatID
    }

    public func build() -> String {
        var sections = [basePrompt]
        let skills = Self.skillFiles(in: paths.skills)
        if !skills.isEmpty {
            var text = "## Skills\n\nThese skill files are mounted under /skills; follow their instructions when they apply."
            for skill in skills { text += "\n\n### \(skill.path)\n\n\(skill.content)" }
            sections.append(text)
        }
        if let channel = sourceChannel {
            let chat = sourceChatID ?? ""
            sections.append(
                "## Channel Context\n\nThis task arrived through the \(channel) channel\(chat.isEmpty ? "" : " (chat \(chat))"). You can reply there with the send_channel_message tool (channel \"\(channel)\"\(chat.isEmpty ? "" : ", chatId \"\(chat)\""))."
            )
        }
        if memoryEnabled {
            var text = "## Memory\n\n"
            if let memory = Self.memory(at: paths.memoryFile) {
                text += "Your persistent memory from earlier runs:\n\n\(memory)\n\n"
            } else {
                text += "You have no memories from earlier runs yet.\n\n"
            }
            text +=
                "You have persistent memory. When you finish, end your answer with the complete updated memory (markdown, concise, the whole document, not a diff) between these markers:\n\(MemoryBlock.start)\n...\n\(MemoryBlock.end)"
            sections.append(text)
        }
        return sections.joined(separator: "\n\n")
    }

    /// The memory document, or nil when missing, empty or the placeholder.
    public static func memory(at url: URL) -> String? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !memoryPlaceholders.contains(trimmed) else { return nil }
        return trimmed
    }

    /// Every regular file under `root`, by relative path. Entries beginning
    /// with "." are skipped (a ConfigMap volume's `..data` and timestamped
    /// directories would repeat every file); symbolic links are followed
    /// only within `root`.
    public static func skillFiles(in root: URL) -> [(path: String, content: String)] {
        guard let rootReal = SandboxedPath.realPath(root.path) else { return [] }
        var files: [(path: String, content: String)] = []
        var total = 0
        func walk(_ directory: URL, _ relative: String, depth: Int) {
            guard depth < 8, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let url = directory.appendingPathComponent(name)
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                guard let real = SandboxedPath.realPath(url.path), real == rootReal || real.hasPrefix(rootReal + "/") else { continue }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    walk(url, path, depth: depth + 1)
                } else if total < maxSkillBytes, let data = FileManager.default.contents(atPath: real) {
                    let content = TextLimits.truncate(String(decoding: data, as: UTF8.self), maxBytes: min(maxSkillFileBytes, maxSkillBytes - total))
                    total += content.utf8.count
                    files.append((path, content))
                }
            }
        }
        walk(root, "", depth: 0)
        return files
    }
}
