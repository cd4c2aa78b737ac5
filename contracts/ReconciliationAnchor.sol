// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The one question this contract asks the consortium: EvidenceAnchor's membership, so that
/// who may write is decided in one place, by the members' threshold governance there.
interface IConsortiumMembership {
    function isMember(address account) external view returns (bool);
}

/// @title ReconciliationAnchor
/// @notice Records a co-lending pair's reconciliation day (docs/reconciliation-format.md §11): each
/// bank's side (the Merkle root and row count of its committed statement, and the hash of its side
/// receipt), then the statement both banks signed off (EIP-712, each with its own key), each bank's
/// decision and the hash of its objections. Three transactions per pair per day, whatever the
/// volume: anchorSide for A, anchorSide for B, recordStatement. Only consortium members may send
/// them, and both sign-offs must come from members other than the sender and from each other.
/// @dev The EvidenceAnchor address is kept in storage, not as an immutable, so that the deployed code
/// is the same for every deployment and the platform can tell the current version by comparing code.
contract ReconciliationAnchor {
    struct Side {
        bytes32 root;
        uint64 rowCount;
        uint64 blockNumber;
        uint64 blockTime;
        address submitter;
        bytes32 receiptHash;
    }

    struct Confirmation {
        address signer;
        uint8 decision;
        bytes32 objectionsHash;
    }

    struct Statement {
        bytes32 statementHash;
        uint64 blockNumber;
        uint64 blockTime;
        address submitter;
        Confirmation[2] confirmations;
    }

    uint8 public constant BANK_A = 0;
    uint8 public constant BANK_B = 1;
    uint8 public constant AGREED = 1;
    uint8 public constant DISPUTED = 2;

    /// @notice SHA-256 of the empty string: the root of a side with no rows (RFC 9162 §2.1.1).
    bytes32 public constant EMPTY_SIDE_ROOT = 0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855;

    bytes32 public constant SIGN_OFF_TYPEHASH = keccak256(
        "StatementSignOff(bytes32 pairId,uint32 businessDate,bytes32 statementHash,bytes32 rootA,uint64 rowCountA,bytes32 rootB,uint64 rowCountB,uint8 party,uint8 decision,bytes32 objectionsHash)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant DOMAIN_NAME_HASH = keccak256("Evident Reconciliation");
    bytes32 private constant DOMAIN_VERSION_HASH = keccak256("1");

    // Half the order of the secp256k1 group: a signature with a larger s has a twin (n - s, other v)
    // that recovers the same signer; only the low-s form is accepted (EIP-2), so each sign-off has one
    // encoding.
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice The EvidenceAnchor contract whose members may write here.
    address public evidenceAnchor;

    mapping(bytes32 => mapping(uint32 => mapping(uint8 => Side))) private sides;
    mapping(bytes32 => mapping(uint32 => Statement)) private statements;

    event SideAnchored(
        bytes32 indexed pairId,
        uint32 indexed businessDate,
        uint8 indexed bank,
        bytes32 root,
        uint64 rowCount,
        bytes32 receiptHash,
        address submitter,
        uint64 blockTime
    );
    event StatementRecorded(
        bytes32 indexed pairId, uint32 indexed businessDate, bytes32 statementHash, address submitter, uint64 blockTime
    );
    event StatementConfirmed(
        bytes32 indexed pairId,
        uint32 indexed businessDate,
        uint8 indexed bank,
        address signer,
        uint8 decision,
        bytes32 objectionsHash
    );

    error NotAContract(address account);
    error NotMember(address account);
    error EmptyPairId();
    error InvalidBusinessDate(uint32 businessDate);
    error InvalidBank(uint8 bank);
    error EmptyRoot();
    error NotTheEmptyRoot(bytes32 root);
    error EmptyReceipt();
    error SideAlreadyAnchored(bytes32 pairId, uint32 businessDate, uint8 bank);
    error SideNotAnchored(bytes32 pairId, uint32 businessDate, uint8 bank);
    error EmptyStatement();
    error StatementAlreadyRecorded(bytes32 pairId, uint32 businessDate);
    error InvalidDecision(uint8 bank, uint8 decision);
    error ObjectionsDoNotMatchDecision(uint8 bank, uint8 decision, bytes32 objectionsHash);
    error MalformedSignature(uint8 bank);
    error MalleableSignature(uint8 bank);
    error SignerNotMember(uint8 bank, address signer);
    error SignerIsSender(uint8 bank, address signer);
    error SameSigner(address signer);

    constructor(address evidenceAnchor_) {
        if (evidenceAnchor_.code.length == 0) revert NotAContract(evidenceAnchor_);
        evidenceAnchor = evidenceAnchor_;
    }

    modifier onlyMember() {
        if (!_isMember(msg.sender)) revert NotMember(msg.sender);
        _;
    }

    /// @notice Anchors bank `bank`'s side of the pair's day: the root and row count of its committed
    /// statement and the hash of the side receipt Evident signed for it. Once per pair, day and bank.
    /// @param businessDate The day as the number YYYYMMDD (20261201 for 2026-12-01).
    /// @param bank 0 for bank A, 1 for bank B, as the pair's configuration names them.
    function anchorSide(
        bytes32 pairId,
        uint32 businessDate,
        uint8 bank,
        bytes32 root,
        uint64 rowCount,
        bytes32 receiptHash
    ) external onlyMember {
        _requireDay(pairId, businessDate);
        if (bank > BANK_B) revert InvalidBank(bank);
        if (root == bytes32(0)) revert EmptyRoot();
        if (rowCount == 0 && root != EMPTY_SIDE_ROOT) revert NotTheEmptyRoot(root);
        if (receiptHash == bytes32(0)) revert EmptyReceipt();
        Side storage side = sides[pairId][businessDate][bank];
        if (side.blockNumber != 0) revert SideAlreadyAnchored(pairId, businessDate, bank);

        // block.timestamp is stored as the chain reports it (some chains report milliseconds).
        uint64 blockTime = uint64(block.timestamp);
        side.root = root;
        side.rowCount = rowCount;
        side.blockNumber = uint64(block.number);
        side.blockTime = blockTime;
        side.submitter = msg.sender;
        side.receiptHash = receiptHash;
        emit SideAnchored(pairId, businessDate, bank, root, rowCount, receiptHash, msg.sender, blockTime);
    }

    /// @notice Records the pair's statement for the day with both banks' sign-offs, once per pair and
    /// day, after both sides are anchored. Each signature is checked here: the EIP-712 StatementSignOff
    /// over this statement hash and the two anchored sides, with the bank's party, decision and
    /// objections hash, must recover to a member that is neither the sender nor the other bank's
    /// signer. A signature over anything else recovers to an unrelated address: SignerNotMember.
    /// @param decisions Bank A's and bank B's decision: 1 agreed, 2 disputed.
    /// @param objectionsHashes SHA-256 of each bank's objections text; zero when it agreed.
    function recordStatement(
        bytes32 pairId,
        uint32 businessDate,
        bytes32 statementHash,
        uint8[2] calldata decisions,
        bytes32[2] calldata objectionsHashes,
        bytes calldata signatureA,
        bytes calldata signatureB
    ) external onlyMember {
        if (statementHash == bytes32(0)) revert EmptyStatement();
        Statement storage statement = statements[pairId][businessDate];
        if (statement.blockNumber != 0) revert StatementAlreadyRecorded(pairId, businessDate);
        bytes memory signedDay = _signedDay(pairId, businessDate, statementHash);

        _confirm(pairId, businessDate, signedDay, BANK_A, decisions[0], objectionsHashes[0], signatureA);
        _confirm(pairId, businessDate, signedDay, BANK_B, decisions[1], objectionsHashes[1], signatureB);
        address signerA = statement.confirmations[0].signer;
        if (signerA == statement.confirmations[1].signer) revert SameSigner(signerA);

        uint64 blockTime = uint64(block.timestamp);
        statement.statementHash = statementHash;
        statement.blockNumber = uint64(block.number);
        statement.blockTime = blockTime;
        statement.submitter = msg.sender;
        emit StatementRecorded(pairId, businessDate, statementHash, msg.sender, blockTime);
    }

    /// @notice All fields are zero when the side was never anchored.
    function getSide(bytes32 pairId, uint32 businessDate, uint8 bank)
        external
        view
        returns (
            bytes32 root,
            uint64 rowCount,
            bytes32 receiptHash,
            address submitter,
            uint64 blockNumber,
            uint64 blockTime
        )
    {
        Side storage side = sides[pairId][businessDate][bank];
        return (side.root, side.rowCount, side.receiptHash, side.submitter, side.blockNumber, side.blockTime);
    }

    /// @notice All fields are zero when no statement was recorded for the day; confirmations[0] is
    /// bank A's, confirmations[1] bank B's.
    function getStatement(bytes32 pairId, uint32 businessDate)
        external
        view
        returns (
            bytes32 statementHash,
            address submitter,
            uint64 blockNumber,
            uint64 blockTime,
            Confirmation[2] memory confirmations
        )
    {
        Statement storage statement = statements[pairId][businessDate];
        return (
            statement.statementHash,
            statement.submitter,
            statement.blockNumber,
            statement.blockTime,
            statement.confirmations
        );
    }

    function isMember(address account) external view returns (bool) {
        return _isMember(account);
    }

    /// @notice The EIP-712 domain separator: name "Evident Reconciliation", version "1", this chain
    /// and this contract.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, DOMAIN_NAME_HASH, DOMAIN_VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The digest a party signs for the day (party 0 bank A, 1 bank B, 2 Evident's
    /// countersignature), over the sides as anchored; reverts SideNotAnchored before both are.
    function signOffDigest(
        bytes32 pairId,
        uint32 businessDate,
        bytes32 statementHash,
        uint8 party,
        uint8 decision,
        bytes32 objectionsHash
    ) external view returns (bytes32) {
        return _digest(_signedDay(pairId, businessDate, statementHash), party, decision, objectionsHash);
    }

    function _confirm(
        bytes32 pairId,
        uint32 businessDate,
        bytes memory signedDay,
        uint8 bank,
        uint8 decision,
        bytes32 objectionsHash,
        bytes calldata signature
    ) private {
        if (decision == AGREED) {
            if (objectionsHash != bytes32(0)) revert ObjectionsDoNotMatchDecision(bank, decision, objectionsHash);
        } else if (decision == DISPUTED) {
            if (objectionsHash == bytes32(0)) revert ObjectionsDoNotMatchDecision(bank, decision, objectionsHash);
        } else {
            revert InvalidDecision(bank, decision);
        }
        address signer = _recoverSigner(_digest(signedDay, bank, decision, objectionsHash), signature, bank);
        if (!_isMember(signer)) revert SignerNotMember(bank, signer);
        // Evident sends the statement; a bank's sign-off must be the bank's own key, never Evident's.
        if (signer == msg.sender) revert SignerIsSender(bank, signer);
        statements[pairId][businessDate].confirmations[bank] =
            Confirmation({signer: signer, decision: decision, objectionsHash: objectionsHash});
        emit StatementConfirmed(pairId, businessDate, bank, signer, decision, objectionsHash);
    }

    /// The StatementSignOff fields that every party signs alike (the type hash first), as ABI words:
    /// the party's own three fields follow them.
    function _signedDay(bytes32 pairId, uint32 businessDate, bytes32 statementHash) private view returns (bytes memory) {
        Side storage a = _anchoredSide(pairId, businessDate, BANK_A);
        Side storage b = _anchoredSide(pairId, businessDate, BANK_B);
        bytes memory sidesWords = abi.encode(a.root, a.rowCount, b.root, b.rowCount);
        return bytes.concat(abi.encode(SIGN_OFF_TYPEHASH, pairId, businessDate, statementHash), sidesWords);
    }

    function _digest(bytes memory signedDay, uint8 party, uint8 decision, bytes32 objectionsHash)
        private
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(bytes.concat(signedDay, abi.encode(party, decision, objectionsHash)));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function _anchoredSide(bytes32 pairId, uint32 businessDate, uint8 bank) private view returns (Side storage side) {
        side = sides[pairId][businessDate][bank];
        if (side.blockNumber == 0) revert SideNotAnchored(pairId, businessDate, bank);
    }

    function _recoverSigner(bytes32 digest, bytes calldata signature, uint8 bank) private pure returns (address signer) {
        if (signature.length != 65) revert MalformedSignature(bank);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > HALF_ORDER) revert MalleableSignature(bank);
        if (v != 27 && v != 28) revert MalformedSignature(bank);
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert MalformedSignature(bank);
    }

    // A calendar check belongs off chain (lib/reconciliation/business-date.ts); this keeps out what
    // is plainly not a YYYYMMDD day, so a swapped argument cannot anchor under a nonsense date.
    function _requireDay(bytes32 pairId, uint32 businessDate) private pure {
        if (pairId == bytes32(0)) revert EmptyPairId();
        uint32 month = (businessDate / 100) % 100;
        uint32 day = businessDate % 100;
        if (businessDate < 10101 || businessDate > 99991231 || month == 0 || month > 12 || day == 0 || day > 31) {
            revert InvalidBusinessDate(businessDate);
        }
    }

    function _isMember(address account) private view returns (bool) {
        return IConsortiumMembership(evidenceAnchor).isMember(account);
    }
}
