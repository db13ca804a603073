import CLI

await SympoziumCommand.runMain()
