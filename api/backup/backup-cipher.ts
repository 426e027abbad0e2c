import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { BackupError } from "./backup-error";

/**
 * Encryption of a backup's dump with a passphrase (issue #16): AES-256-GCM over fixed-size chunks, each
 * with its own tag, so a file of any size is encrypted and checked as it streams. The nonce of a chunk
 * holds its number and whether it is the last one (the STREAM construction): chunks cannot be reordered,
 * dropped or the file cut short without the check failing. The key comes from the passphrase by scrypt with
 * a fresh salt per file; the passphrase itself is never written anywhere.
 */
export interface BackupEncryption {
  cipher: "aes-256-gcm-stream";
  kdf: { name: "scrypt"; N: number; r: number; p: number; salt: string };
  chunkBytes: number;
  noncePrefix: string;
}

const TAG = 16;
const DEFAULT_CHUNK = 64 * 1024;
/** 128 MiB of memory and about half a second per key: a guessed passphrase costs an attacker as much. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 };

export interface BackupKeys {
  /** Encrypts the dump. */
  cipherKey: Buffer;
  /** Authenticates the manifest, which stays readable without the passphrase. */
  macKey: Buffer;
}

export class WrongPassphrase extends BackupError {
  constructor() {
    super(
      "wrong_passphrase",
      "la sauvegarde ne peut être déchiffrée : phrase de passe erronée, ou fichier altéré",
      "the backup could not be decrypted: wrong passphrase, or the file was altered",
    );
  }
}

export function newEncryption(chunkBytes = DEFAULT_CHUNK): BackupEncryption {
  return {
    cipher: "aes-256-gcm-stream",
    kdf: { name: "scrypt", ...SCRYPT, salt: randomBytes(16).toString("hex") },
    chunkBytes,
    noncePrefix: randomBytes(7).toString("hex"),
  };
}

export function deriveKeys(passphrase: string, encryption: BackupEncryption): Promise<BackupKeys> {
  const { N, r, p, salt } = encryption.kdf;
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize("NFC"), Buffer.from(salt, "hex"), 64, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve({ cipherKey: key.subarray(0, 32), macKey: key.subarray(32) }),
    ),
  );
}

export function manifestMac(keys: BackupKeys, header: string, manifest: string): string {
  return createHmac("sha256", keys.macKey).update(header).update("\n").update(manifest).digest("hex");
}

export function sameManifestMac(keys: BackupKeys, header: string, manifest: string, mac: string): boolean {
  const expected = Buffer.from(manifestMac(keys, header, manifest), "hex");
  const given = Buffer.from(mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function nonce(encryption: BackupEncryption, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  Buffer.from(encryption.noncePrefix, "hex").copy(n, 0);
  n.writeUInt32BE(index, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/** Plain dump in, encrypted chunks out; `aad` (the file's header) is bound to every chunk. */
export function encryptStream(encryption: BackupEncryption, keys: BackupKeys, aad: Buffer): Transform {
  let pending = Buffer.alloc(0);
  let index = 0;
  const seal = (chunk: Buffer, last: boolean) => {
    const cipher = createCipheriv("aes-256-gcm", keys.cipherKey, nonce(encryption, index++, last)).setAAD(aad);
    return Buffer.concat([cipher.update(chunk), cipher.final(), cipher.getAuthTag()]);
  };
  return new Transform({
    transform(data: Buffer, _encoding, done: TransformCallback) {
      pending = Buffer.concat([pending, data]);
      // The last chunk is sealed as such, so a full chunk is held back until more data shows it is not.
      while (pending.length > encryption.chunkBytes) {
        this.push(seal(pending.subarray(0, encryption.chunkBytes), false));
        pending = pending.subarray(encryption.chunkBytes);
      }
      done();
    },
    flush(done: TransformCallback) {
      this.push(seal(pending, true));
      done();
    },
  });
}

/** Encrypted chunks in, plain dump out; fails with WrongPassphrase on any altered, missing or extra byte. */
export function decryptStream(encryption: BackupEncryption, keys: BackupKeys, aad: Buffer): Transform {
  const sealed = encryption.chunkBytes + TAG;
  let pending = Buffer.alloc(0);
  let index = 0;
  const open = (chunk: Buffer, last: boolean) => {
    if (chunk.length < TAG) throw new WrongPassphrase();
    const decipher = createDecipheriv("aes-256-gcm", keys.cipherKey, nonce(encryption, index++, last)).setAAD(aad);
    decipher.setAuthTag(chunk.subarray(chunk.length - TAG));
    try {
      return Buffer.concat([decipher.update(chunk.subarray(0, chunk.length - TAG)), decipher.final()]);
    } catch {
      throw new WrongPassphrase();
    }
  };
  return new Transform({
    transform(data: Buffer, _encoding, done: TransformCallback) {
      pending = Buffer.concat([pending, data]);
      try {
        while (pending.length > sealed) {
          this.push(open(pending.subarray(0, sealed), false));
          pending = pending.subarray(sealed);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        this.push(open(pending, true));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
