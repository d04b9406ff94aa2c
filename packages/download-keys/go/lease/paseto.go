package lease

import (
	"crypto/ed25519"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"strings"
)

// V4PublicHeader starts every v4.public token.
const V4PublicHeader = "v4.public."

const signatureLength = ed25519.SignatureSize

// Strict: one canonical text per byte string (no padding, unused trailing bits zero), so any
// single-bit change of a token's text is refused, as in the TypeScript library.
var b64 = base64.RawURLEncoding.Strict()

// decodeBase64url decodes one token part. Go's decoder skips '\r' and '\n' even in strict
// mode; a token with a line break inside is refused here instead, as TypeScript refuses it.
func decodeBase64url(part string) ([]byte, error) {
	if strings.ContainsAny(part, "\r\n") {
		return nil, base64.CorruptInputError(strings.IndexAny(part, "\r\n"))
	}
	return b64.DecodeString(part)
}

// pae is PASETO's pre-authentication encoding (Common.md): the piece count, then each piece's
// length and bytes, every length a little-endian uint64 with the top bit clear.
func pae(pieces ...[]byte) []byte {
	size := 8
	for _, p := range pieces {
		size += 8 + len(p)
	}
	out := make([]byte, 8, size)
	binary.LittleEndian.PutUint64(out, uint64(len(pieces))&^(1<<63))
	var n [8]byte
	for _, p := range pieces {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p))&^(1<<63))
		out = append(out, n[:]...)
		out = append(out, p...)
	}
	return out
}

func preAuth(payload, footer, implicit []byte) []byte {
	return pae([]byte(V4PublicHeader), payload, footer, implicit)
}

// SignV4Public signs payload as a PASETO v4.public token (Version4.md, "Sign"); an empty footer
// is left out of the token. Ed25519 is deterministic: the same inputs give the same token.
func SignV4Public(payload []byte, privateKey ed25519.PrivateKey, footer, implicit []byte) string {
	signature := ed25519.Sign(privateKey, preAuth(payload, footer, implicit))
	body := make([]byte, 0, len(payload)+len(signature))
	body = append(append(body, payload...), signature...)
	token := V4PublicHeader + b64.EncodeToString(body)
	if len(footer) == 0 {
		return token
	}
	return token + "." + b64.EncodeToString(footer)
}

type parsedToken struct {
	payload, signature, footer []byte
}

// parseV4Public splits v4.public.BODY[.FOOTER] exactly as the TypeScript library does.
func parseV4Public(token string) (parsedToken, error) {
	parts := strings.Split(token, ".")
	if len(parts) < 3 || len(parts) > 4 {
		return parsedToken{}, fail(Malformed, "token is not a PASETO token (v4.public.BODY[.FOOTER])")
	}
	if parts[0] != "v4" || parts[1] != "public" {
		return parsedToken{}, fail(WrongPurpose, "token is a %q token; only v4.public is accepted", parts[0]+"."+parts[1])
	}
	body, err := decodeBase64url(parts[2])
	if err != nil || len(body) < signatureLength {
		return parsedToken{}, fail(Malformed, "token body is not base64url of a payload and a signature")
	}
	var footer []byte
	if len(parts) == 4 {
		footer, err = decodeBase64url(parts[3])
		if err != nil || len(footer) == 0 {
			return parsedToken{}, fail(Malformed, "token footer is not non-empty base64url")
		}
	}
	cut := len(body) - signatureLength
	return parsedToken{payload: body[:cut], signature: body[cut:], footer: footer}, nil
}

func (p parsedToken) verify(publicKey ed25519.PublicKey, implicit []byte) error {
	if !ed25519.Verify(publicKey, preAuth(p.payload, p.footer, implicit), p.signature) {
		return fail(BadSignature, "token signature does not verify")
	}
	return nil
}

// VerifyV4Public checks a v4.public token's signature (Version4.md, "Verify") and nothing
// about its claims; Verify builds on it. A non-nil footer is the footer the token must carry.
// It returns the payload and footer bytes.
func VerifyV4Public(token string, publicKey ed25519.PublicKey, implicit, footer []byte) ([]byte, []byte, error) {
	if len(publicKey) != ed25519.PublicKeySize {
		return nil, nil, fail(InvalidPublicKey, "public key must be %d bytes, got %d", ed25519.PublicKeySize, len(publicKey))
	}
	p, err := parseV4Public(token)
	if err != nil {
		return nil, nil, err
	}
	if footer != nil && subtle.ConstantTimeCompare(p.footer, footer) != 1 {
		return nil, nil, fail(BadSignature, "token footer is not the expected one")
	}
	if err := p.verify(publicKey, implicit); err != nil {
		return nil, nil, err
	}
	return p.payload, p.footer, nil
}
