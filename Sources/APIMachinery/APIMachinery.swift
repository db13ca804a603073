// APIMachinery: API server semantics as pure functions over JSONValue.
