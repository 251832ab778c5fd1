"""The deck's identity from one version to the next: GUIDs, the lock, the release plan,
the changelog, release notes, and taking over another tool's deck."""
