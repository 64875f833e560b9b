//go:build amd64 && !purego

#include "textflag.h"

#define hits8 64

// The eight-lane walk of lanes8_amd64.go. See the design notes there.

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, a+8(FP)
	MOVL BX, b+12(FP)
	MOVL CX, c+16(FP)
	MOVL DX, d+20(FP)
	RET

// func xgetbv0() (a, d uint32)
TEXT ·xgetbv0(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, a+0(FP)
	MOVL DX, d+4(FP)
	RET

// CLASSIFY64 maps the 64 bytes at src to their classes at dst. Z1:Z2 hold
// the classes of bytes 0x00-0x7F, Z3:Z4 those of 0x80-0xFF; VPERMI2B reads
// the low seven bits of each index, the sign bit picks the table.
#define CLASSIFY64(src, dst) \
	VMOVDQU64 src, Z0; \
	VPMOVB2M Z0, K1; \
	VMOVDQA64 Z0, Z5; \
	VPERMI2B Z2, Z1, Z5; \
	VPERMI2B Z4, Z3, Z0; \
	VMOVDQU8 Z0, K1, Z5; \
	VMOVDQU64 Z5, dst

// func classify8(dst *[8 * chunk8]byte, src *byte, stride, n uintptr, cls *[256]uint8)
//
// For each lane j < 8: dst[j*chunk8 : j*chunk8+n] = classes of
// src[j*stride : j*stride+n]. n is 64 or 128 (chunk8).
TEXT ·classify8(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ stride+16(FP), BX
	MOVQ n+24(FP), CX
	MOVQ cls+32(FP), DX
	VMOVDQU64 0(DX), Z1
	VMOVDQU64 64(DX), Z2
	VMOVDQU64 128(DX), Z3
	VMOVDQU64 192(DX), Z4
	MOVQ $8, R8
	CMPQ CX, $128
	JEQ full

half:
	CLASSIFY64((SI), (DI))
	ADDQ BX, SI
	ADDQ $128, DI
	DECQ R8
	JNZ half
	VZEROUPPER
	RET

full:
	CLASSIFY64((SI), (DI))
	CLASSIFY64(64(SI), 64(DI))
	ADDQ BX, SI
	ADDQ $128, DI
	DECQ R8
	JNZ full
	VZEROUPPER
	RET

// CLASSIFY32 maps the 32 bytes at src to their classes at dst with AVX2
// (see classRows): Y8-Y13 hold the delta rows of 0x20-0x7F, each in both
// halves, Y14 the class of the other bytes, Y15 sixteens, Y5 0x20s. Row
// h's lookup index is the byte minus 16h: negative (top bit set, so
// VPSHUFB gives 0) for a byte of a lower row, so the XOR of the lookups
// is the byte's own row's entry. A byte below 0x20 or from 0x80 is below
// 0x20 as a signed byte, and takes Y14's class.
#define CLASSIFY32(src, dst) \
	VMOVDQU src, Y0; \
	VPSUBB Y5, Y0, Y2; \
	VPSHUFB Y2, Y8, Y1; \
	VPSUBB Y15, Y2, Y2; \
	VPSHUFB Y2, Y9, Y3; \
	VPXOR Y3, Y1, Y1; \
	VPSUBB Y15, Y2, Y2; \
	VPSHUFB Y2, Y10, Y3; \
	VPXOR Y3, Y1, Y1; \
	VPSUBB Y15, Y2, Y2; \
	VPSHUFB Y2, Y11, Y3; \
	VPXOR Y3, Y1, Y1; \
	VPSUBB Y15, Y2, Y2; \
	VPSHUFB Y2, Y12, Y3; \
	VPXOR Y3, Y1, Y1; \
	VPSUBB Y15, Y2, Y2; \
	VPSHUFB Y2, Y13, Y3; \
	VPXOR Y3, Y1, Y1; \
	VPCMPGTB Y0, Y5, Y4; \
	VPBLENDVB Y4, Y14, Y1, Y1; \
	VMOVDQU Y1, dst

// func classify8x(dst *[8 * chunk8]byte, src *byte, stride, n uintptr, rows *[7][16]byte)
//
// classify8 with AVX2, for a class table that classRows could split:
// rows[0:6] are its delta rows, rows[6] the other bytes' class.
TEXT ·classify8x(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ stride+16(FP), BX
	MOVQ n+24(FP), CX
	MOVQ rows+32(FP), DX
	VBROADCASTI128 0(DX), Y8
	VBROADCASTI128 16(DX), Y9
	VBROADCASTI128 32(DX), Y10
	VBROADCASTI128 48(DX), Y11
	VBROADCASTI128 64(DX), Y12
	VBROADCASTI128 80(DX), Y13
	VBROADCASTI128 96(DX), Y14
	MOVQ $0x1010101010101010, AX
	MOVQ AX, X15
	VPBROADCASTQ X15, Y15
	VPADDB Y15, Y15, Y5
	MOVQ $8, R8
	CMPQ CX, $128
	JEQ fullx

halfx:
	CLASSIFY32((SI), (DI))
	CLASSIFY32(32(SI), 32(DI))
	ADDQ BX, SI
	ADDQ $128, DI
	DECQ R8
	JNZ halfx
	VZEROUPPER
	RET

fullx:
	CLASSIFY32((SI), (DI))
	CLASSIFY32(32(SI), 32(DI))
	CLASSIFY32(64(SI), 64(DI))
	CLASSIFY32(96(SI), 96(DI))
	ADDQ BX, SI
	ADDQ $128, DI
	DECQ R8
	JNZ fullx
	VZEROUPPER
	RET

// STEP advances lane state reg by the class at off(SI).
#define STEP(off, reg) \
	MOVBLZX off(SI), R14; \
	ADDL reg, R14; \
	MOVL (DX)(R14*4), reg

// STEP_LANES advances the eight lanes by one byte each (chunk8 apart).
#define STEP_LANES \
	STEP(0, AX); \
	STEP(128, BX); \
	STEP(256, R8); \
	STEP(384, R9); \
	STEP(512, R10); \
	STEP(640, R11); \
	STEP(768, R12); \
	STEP(896, R13)

// The eight lane states live in AX, BX, R8-R13; st (in R14) holds them
// between calls, lane j at 4*j.
#define LOAD_STATES \
	MOVL 0(R14), AX; \
	MOVL 4(R14), BX; \
	MOVL 8(R14), R8; \
	MOVL 12(R14), R9; \
	MOVL 16(R14), R10; \
	MOVL 20(R14), R11; \
	MOVL 24(R14), R12; \
	MOVL 28(R14), R13

#define STORE_STATES \
	MOVL AX, 0(R14); \
	MOVL BX, 4(R14); \
	MOVL R8, 8(R14); \
	MOVL R9, 12(R14); \
	MOVL R10, 16(R14); \
	MOVL R11, 20(R14); \
	MOVL R12, 24(R14); \
	MOVL R13, 28(R14)

// func walk8(buf *[8 * chunk8]byte, k, n uintptr, tp *uint32, st *[8]uint32)
//
// Lane j's classes are buf[j*chunk8+k : j*chunk8+n]; its state is st[j],
// an id into the transition table tp (see machine). It walks the eight
// lanes through all of them, matches or not, and stores the states back.
TEXT ·walk8(SB), NOSPLIT, $0-40
	MOVQ buf+0(FP), SI
	MOVQ SI, DI
	ADDQ k+8(FP), SI
	ADDQ n+16(FP), DI
	MOVQ tp+24(FP), DX
	MOVQ st+32(FP), R14
	LOAD_STATES
	CMPQ SI, DI
	JAE done

loop:
	STEP_LANES
	INCQ SI
	CMPQ SI, DI
	JB loop

done:
	MOVQ st+32(FP), R14
	STORE_STATES
	RET

// func walk8h(buf *[8 * chunk8]byte, k, n uintptr, tp *uint32, st *[8]uint32, mm uint32, hits *[hits8]hit8) (end, nhits uintptr)
//
// walk8h is walk8 recording matches: after each byte, every lane in a
// match state appends a hit8 to hits. It stops when the lanes end or
// fewer than eight hits are left free, and returns the offset just past
// the last byte walked and the number of hits.
TEXT ·walk8h(SB), NOSPLIT, $8-72
	MOVQ hits+48(FP), R14
	MOVQ R14, wp-8(SP)
	MOVQ buf+0(FP), SI
	MOVQ SI, DI
	ADDQ k+8(FP), SI
	ADDQ n+16(FP), DI
	MOVQ tp+24(FP), DX
	MOVL mm+40(FP), CX
	MOVQ st+32(FP), R14
	LOAD_STATES
	CMPQ SI, DI
	JAE hdone

hloop:
	STEP_LANES
	INCQ SI
	MOVL AX, R14
	ORL BX, R14
	ORL R8, R14
	ORL R9, R14
	ORL R10, R14
	ORL R11, R14
	ORL R12, R14
	ORL R13, R14
	CMPL R14, CX // mm is a power of two: the OR is >= mm if a state is
	JAE hhits

hnext:
	CMPQ SI, DI
	JB hloop
	JMP hdone

// RECORD appends lane j's state reg to the hits at R14 if it is a match
// state: the state, the offset in CX and the lane. (Defined inside
// walk8h, so that go vet checks its frame reference against walk8h's.)
#define RECORD(reg, j, skip) \
	CMPL reg, mm+40(FP); \
	JB skip; \
	MOVL reg, 0(R14); \
	MOVW CX, 4(R14); \
	MOVW $j, 6(R14); \
	ADDQ $8, R14; \
skip:

hhits:
	MOVQ wp-8(SP), R14
	MOVQ SI, CX
	SUBQ buf+0(FP), CX
	RECORD(AX, 0, h0)
	RECORD(BX, 1, h1)
	RECORD(R8, 2, h2)
	RECORD(R9, 3, h3)
	RECORD(R10, 4, h4)
	RECORD(R11, 5, h5)
	RECORD(R12, 6, h6)
	RECORD(R13, 7, h7)
	MOVQ R14, wp-8(SP)
	MOVL mm+40(FP), CX
	SUBQ hits+48(FP), R14
	CMPQ R14, $((hits8-8)*8)
	JB hnext

hdone:
	MOVQ st+32(FP), R14
	STORE_STATES
	SUBQ buf+0(FP), SI
	MOVQ SI, end+56(FP)
	MOVQ wp-8(SP), R14
	SUBQ hits+48(FP), R14
	SHRQ $3, R14
	MOVQ R14, nhits+64(FP)
	RET

// PSTEP advances lane state reg, the address of its row in a table of row
// addresses (see ptrTrans), by the class at off(SI): one load, no add.
#define PSTEP(off, reg) \
	MOVBLZX off(SI), R14; \
	MOVQ (reg)(R14*8), reg

// func walk8p(buf *[8 * chunk8]byte, k, n uintptr, st *[8]uintptr)
//
// walk8 over row addresses (ptrTrans), through all of buf[j*chunk8+k :
// j*chunk8+n] with no test on the way: a match state's row leads only
// back to itself there, so a lane that meets one ends in it.
TEXT ·walk8p(SB), NOSPLIT, $0-32
	MOVQ buf+0(FP), SI
	MOVQ SI, DI
	ADDQ k+8(FP), SI
	ADDQ n+16(FP), DI
	MOVQ st+24(FP), CX
	MOVQ 0(CX), AX
	MOVQ 8(CX), BX
	MOVQ 16(CX), R8
	MOVQ 24(CX), R9
	MOVQ 32(CX), R10
	MOVQ 40(CX), R11
	MOVQ 48(CX), R12
	MOVQ 56(CX), R13
	CMPQ SI, DI
	JAE pdone

ploop:
	PSTEP(0, AX)
	PSTEP(128, BX)
	PSTEP(256, R8)
	PSTEP(384, R9)
	PSTEP(512, R10)
	PSTEP(640, R11)
	PSTEP(768, R12)
	PSTEP(896, R13)
	INCQ SI
	CMPQ SI, DI
	JB ploop

pdone:
	MOVQ AX, 0(CX)
	MOVQ BX, 8(CX)
	MOVQ R8, 16(CX)
	MOVQ R9, 24(CX)
	MOVQ R10, 32(CX)
	MOVQ R11, 40(CX)
	MOVQ R12, 48(CX)
	MOVQ R13, 56(CX)
	RET
