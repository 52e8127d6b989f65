import Testing

@testable import Reports

/// SHA-256 against the FIPS 180-4 examples (NIST "Cryptographic Standards and Guidelines:
/// Examples with Intermediate Values", SHA256.pdf and SHA2_Additional.pdf) and `sha256sum`
/// (GNU coreutils 9.7: `printf '…' | sha256sum`).
@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    // 55, 56 and 64 bytes: the padding boundaries (sha256sum).
    (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
    (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
  ])
  func knownDigests(message: String, digest: String) {
    #expect(SHA256.hex(Array(message.utf8)) == digest)
  }

  /// One million "a" (FIPS 180-4 example), fed in uneven pieces so that the buffering between
  /// blocks is exercised.
  @Test func millionAInPieces() {
    var h = SHA256()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
    var left = 1_000_000
    while left > 0 {
      let n = min(left, chunk.count)
      h.update(chunk[0..<n])
      left -= n
    }
    #expect(h.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}

import Foundation

/// `SHA256.file` against GNU coreutils' `sha256sum` on a file of several blocks (skipped, saying
/// so, where `sha256sum` is missing).
@Suite struct SHA256FileTests {
  @Test func matchesSha256sum() throws {
    let path = packageRoot + "/fixtures/chains/service-access.csv"
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else {
      print("skipped: /usr/bin/sha256sum not found")
      return
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let expected = String(output.prefix(64))
    let got = try #require(SHA256.file(path))
    #expect(got.hex == expected)
    #expect(got.byteCount == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
    #expect(SHA256.file(packageRoot + "/no such file") == nil)
  }
}
